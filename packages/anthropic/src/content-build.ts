import { FluxError } from '@fluxcore/errors';
import { isObject, tryParseJson, unknownFields } from '@fluxcore/message';
import type { AssistantPart, FilePart, ImagePart, JsonObject, ReasoningPart, TextPart, ToolCallPart, ToolResultPart, UserPart } from '@fluxcore/message';
import { ownExtras, PROTOCOL } from './own-extras.js';
import { loadPositioned, reinsert, UNMODELLED_BLOCKS } from './unmodelled.js';

/**
 * Where the blocks go. A request must satisfy Anthropic's validation (signed thinking only,
 * tool input an object); a response is read by a client, so it shows what it can.
 */
export type BuildMode = 'request' | 'response';

/** Anthropic blocks for a user turn. */
export function buildUserBlocks(parts: UserPart[], path: string): JsonObject[] {
  const blocks: JsonObject[] = [];
  parts.forEach((part, i) => {
    const block = part.type === 'text' ? textBlock(part) : part.type === 'image' ? imageBlock(part) : documentBlock(part, `${path}[${i}]`);
    if (block !== undefined) blocks.push(block);
  });
  return blocks;
}

/** Anthropic blocks for an assistant turn (request history) or a response. */
export function buildAssistantBlocks(parts: AssistantPart[], path: string, mode: BuildMode): JsonObject[] {
  const blocks: JsonObject[] = [];
  parts.forEach((part, i) => {
    const block = part.type === 'text' ? textBlock(part) : part.type === 'reasoning' ? reasoningBlock(part, mode) : toolUseBlock(part, `${path}[${i}]`, mode);
    if (block !== undefined) blocks.push(block);
  });
  return blocks;
}

/** The extras of a tool result that are not wire fields of its block. */
const TOOL_RESULT_INTERNAL: ReadonlySet<string> = new Set([UNMODELLED_BLOCKS]);

/** A `tool_result` block: string content when it is one plain text, else text/image blocks. */
export function toolResultBlock(part: ToolResultPart): JsonObject {
  const extras = ownExtras(part);
  const inner: JsonObject[] = [];
  for (const item of part.content) {
    const block = item.type === 'text' ? textBlock(item, true) : imageBlock(item);
    if (block !== undefined) inner.push(block);
  }
  const unmodelled = loadPositioned(extras?.[UNMODELLED_BLOCKS]);
  const only = part.content[0];
  const content =
    unmodelled.length === 0 && part.content.length === 1 && only?.type === 'text' && ownExtras(only) === undefined ? only.text : reinsert(inner, unmodelled);
  return {
    ...unknownFields(extras ?? {}, TOOL_RESULT_INTERNAL),
    type: 'tool_result',
    tool_use_id: wireToolId(part.toolCallId),
    ...(part.content.length === 0 && unmodelled.length === 0 ? {} : { content }),
    ...(part.isError === undefined ? {} : { is_error: part.isError }),
  };
}

/** Text block; empty text is dropped (Anthropic rejects empty text blocks) unless kept on purpose. */
export function textBlock(part: TextPart, keepEmpty = false): JsonObject | undefined {
  if (part.text === '' && !keepEmpty) return undefined;
  return { ...ownExtras(part), type: 'text', text: part.text };
}

function imageBlock(part: ImagePart): JsonObject {
  const source: JsonObject =
    part.source.kind === 'url' ? { type: 'url', url: part.source.url } : { type: 'base64', media_type: part.source.mediaType, data: part.source.data };
  return { ...ownExtras(part), type: 'image', source };
}

/** PDF by base64 or URL, plain text as a text source. Anthropic has no other document kinds. */
function documentBlock(part: FilePart, path: string): JsonObject {
  const { source } = part;
  const title: JsonObject = part.filename === undefined ? {} : { title: part.filename };
  if (source.kind === 'url') return { ...ownExtras(part), type: 'document', source: { type: 'url', url: source.url }, ...title };
  if (source.mediaType === 'application/pdf') {
    return { ...ownExtras(part), type: 'document', source: { type: 'base64', media_type: source.mediaType, data: source.data }, ...title };
  }
  if (source.mediaType === 'text/plain') {
    const data = Buffer.from(source.data, 'base64').toString('utf8');
    return { ...ownExtras(part), type: 'document', source: { type: 'text', media_type: 'text/plain', data }, ...title };
  }
  throw new FluxError({
    category: 'invalid_request',
    param: path,
    message: `${path}: Anthropic accepts documents as application/pdf or text/plain, not ${source.mediaType}`,
  });
}

/**
 * Thinking goes back to Anthropic only with an Anthropic signature: the API rejects unsigned
 * or foreign-signed thinking, so a request drops such parts. A response shows the text with an
 * empty signature (never another family's), and drops foreign redacted reasoning (nothing to show).
 */
function reasoningBlock(part: ReasoningPart, mode: BuildMode): JsonObject | undefined {
  if (part.redacted !== undefined) {
    return part.redacted.family === PROTOCOL ? { ...ownExtras(part), type: 'redacted_thinking', data: part.redacted.value } : undefined;
  }
  const signature = part.signature?.family === PROTOCOL ? part.signature.value : '';
  if (signature === '' && mode === 'request') return undefined;
  return { ...ownExtras(part), type: 'thinking', thinking: part.text, signature };
}

/**
 * `tool_use.input` must be a JSON object. Empty arguments mean `{}`. In a request, arguments
 * that are not an object are the caller's error; in a response they are shown as `{}`.
 */
function toolUseBlock(part: ToolCallPart, path: string, mode: BuildMode): JsonObject {
  const input = part.arguments.trim() === '' ? {} : tryParseJson(part.arguments);
  if (!isObject(input) && mode === 'request') {
    throw new FluxError({
      category: 'invalid_request',
      param: `${path}.arguments`,
      message: `${path}.arguments: expected a JSON object (Anthropic tool_use.input), got ${JSON.stringify(part.arguments.slice(0, 80))}`,
    });
  }
  return { ...ownExtras(part), type: 'tool_use', id: mode === 'request' ? wireToolId(part.id) : part.id, name: part.name, input: isObject(input) ? input : {} };
}

/**
 * Anthropic accepts tool ids matching `^[a-zA-Z0-9_-]+$`; ids minted by other providers may not.
 * Other characters become `_`, the same way for a call and its result, so they still pair up.
 */
function wireToolId(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, '_');
}
