import type {
  AssistantPart,
  FilePart,
  ImagePart,
  JsonObject,
  JsonValue,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
  UserPart,
} from '@fluxcore/message';
import { extrasField, PROTOCOL } from './own-extras.js';
import { storePositioned, UNMODELLED_BLOCKS, type Positioned } from './unmodelled.js';
import { asArray, asObject, asString, jsonText, leftovers, optionalBoolean, optionalString, type Failure } from './read.js';

/** Blocks the IR models, plus the ones it does not (kept opaque, with their positions). */
export interface ParsedBlocks<P> {
  parts: P[];
  unmodelled: Positioned[];
}

/** A user turn splits into tool results (sent first by Anthropic's rules) and everything else. */
export interface ParsedUserContent extends ParsedBlocks<UserPart> {
  toolResults: ToolResultPart[];
}

/** Parse an assistant `content` (request history or response): a string or blocks. */
export function parseAssistantContent(content: JsonValue | undefined, path: string, fail: Failure): ParsedBlocks<AssistantPart> {
  if (typeof content === 'string') return { parts: [{ type: 'text', text: content }], unmodelled: [] };
  const blocks = asArray(content, path, (p) => fail(p, 'a string or an array of content blocks'));
  const result: ParsedBlocks<AssistantPart> = { parts: [], unmodelled: [] };
  blocks.forEach((value, i) => {
    const block = asBlock(value, `${path}[${i}]`, fail);
    const part = parseAssistantBlock(block, `${path}[${i}]`, fail);
    if (part === undefined) result.unmodelled.push({ index: i, item: block });
    else result.parts.push(part);
  });
  return result;
}

/** Parse a user `content`: text, images, documents and tool results. */
export function parseUserContent(content: JsonValue | undefined, path: string, fail: Failure): ParsedUserContent {
  if (typeof content === 'string') return { parts: [{ type: 'text', text: content }], unmodelled: [], toolResults: [] };
  const blocks = asArray(content, path, (p) => fail(p, 'a string or an array of content blocks'));
  const result: ParsedUserContent = { parts: [], unmodelled: [], toolResults: [] };
  blocks.forEach((value, i) => {
    const at = `${path}[${i}]`;
    const block = asBlock(value, at, fail);
    if (block.type === 'tool_result') return void result.toolResults.push(parseToolResult(block, at, fail));
    const part = parseUserBlock(block, at, fail);
    if (part === undefined) result.unmodelled.push({ index: result.parts.length + result.unmodelled.length, item: block });
    else result.parts.push(part);
  });
  return result;
}

/** Parse `system`: a string or an array of text blocks. */
export function parseSystem(system: JsonValue, path: string, fail: Failure): TextPart[] {
  if (typeof system === 'string') return [{ type: 'text', text: system }];
  const blocks = asArray(system, path, (p) => fail(p, 'a string or an array of text blocks'));
  return blocks.map((value, i) => {
    const block = asBlock(value, `${path}[${i}]`, fail);
    if (block.type !== 'text') throw fail(`${path}[${i}].type`, '"text" (system accepts only text blocks)');
    return parseText(block, `${path}[${i}]`, fail);
  });
}

function asBlock(value: JsonValue, path: string, fail: Failure): JsonObject {
  const block = asObject(value, path, (p) => fail(p, 'a content block object'));
  asString(block.type, `${path}.type`, (p) => fail(p, 'a content block type string'));
  return block;
}

function parseAssistantBlock(block: JsonObject, path: string, fail: Failure): AssistantPart | undefined {
  switch (block.type) {
    case 'text':
      return parseText(block, path, fail);
    case 'thinking':
      return parseThinking(block, path, fail);
    case 'redacted_thinking':
      return parseRedactedThinking(block, path, fail);
    case 'tool_use':
      return parseToolUse(block, path, fail);
    default:
      return undefined;
  }
}

function parseUserBlock(block: JsonObject, path: string, fail: Failure): UserPart | undefined {
  switch (block.type) {
    case 'text':
      return parseText(block, path, fail);
    case 'image':
      return parseImage(block, path, fail);
    case 'document':
      return parseDocument(block, path, fail);
    default:
      return undefined;
  }
}

function parseText(block: JsonObject, path: string, fail: Failure): TextPart {
  const text = asString(block.text, `${path}.text`, fail);
  return { type: 'text', text, ...extrasField(leftovers(block, ['type', 'text'])) };
}

function parseThinking(block: JsonObject, path: string, fail: Failure): ReasoningPart {
  const text = asString(block.thinking, `${path}.thinking`, fail);
  const signature = optionalString(block, 'signature', path, fail);
  return {
    type: 'reasoning',
    text,
    ...(signature ? { signature: { family: PROTOCOL, value: signature } } : {}),
    ...extrasField(leftovers(block, ['type', 'thinking', 'signature'])),
  };
}

function parseRedactedThinking(block: JsonObject, path: string, fail: Failure): ReasoningPart {
  const data = asString(block.data, `${path}.data`, fail);
  return { type: 'reasoning', text: '', redacted: { family: PROTOCOL, value: data }, ...extrasField(leftovers(block, ['type', 'data'])) };
}

function parseToolUse(block: JsonObject, path: string, fail: Failure): ToolCallPart {
  const id = asString(block.id, `${path}.id`, fail);
  const name = asString(block.name, `${path}.name`, fail);
  const input = block.input === undefined ? {} : asObject(block.input, `${path}.input`, fail);
  return { type: 'tool-call', id, name, arguments: jsonText(input, `${path}.input`, fail), ...extrasField(leftovers(block, ['type', 'id', 'name', 'input'])) };
}

/** Images by base64 or URL; other sources (`file`) stay opaque. */
function parseImage(block: JsonObject, path: string, fail: Failure): ImagePart | undefined {
  const source = asObject(block.source, `${path}.source`, fail);
  const rest = extrasField(leftovers(block, ['type', 'source']));
  if (source.type === 'base64') {
    const data = asString(source.data, `${path}.source.data`, fail);
    const mediaType = asString(source.media_type, `${path}.source.media_type`, fail);
    return { type: 'image', source: { kind: 'base64', data, mediaType }, ...rest };
  }
  if (source.type === 'url') return { type: 'image', source: { kind: 'url', url: asString(source.url, `${path}.source.url`, fail) }, ...rest };
  return undefined;
}

/**
 * Documents: PDF by base64 or URL, and plain text (carried as base64 `text/plain` so every
 * protocol sees one file shape). Other sources (`file`, `content`) stay opaque.
 */
function parseDocument(block: JsonObject, path: string, fail: Failure): FilePart | undefined {
  const source = asObject(block.source, `${path}.source`, fail);
  const title = optionalString(block, 'title', path, fail);
  const common = { ...(title === undefined ? {} : { filename: title }), ...extrasField(leftovers(block, ['type', 'source', 'title'])) };
  switch (source.type) {
    case 'base64': {
      const data = asString(source.data, `${path}.source.data`, fail);
      const mediaType = asString(source.media_type, `${path}.source.media_type`, fail);
      return { type: 'file', source: { kind: 'base64', data, mediaType }, ...common };
    }
    case 'text': {
      const text = asString(source.data, `${path}.source.data`, fail);
      const mediaType = optionalString(source, 'media_type', `${path}.source`, fail) ?? 'text/plain';
      return { type: 'file', source: { kind: 'base64', data: Buffer.from(text, 'utf8').toString('base64'), mediaType }, ...common };
    }
    case 'url':
      return { type: 'file', source: { kind: 'url', url: asString(source.url, `${path}.source.url`, fail), mediaType: 'application/pdf' }, ...common };
    default:
      return undefined;
  }
}

/** A tool result: string content or text/image blocks; other blocks stay opaque on the part. */
function parseToolResult(block: JsonObject, path: string, fail: Failure): ToolResultPart {
  const toolCallId = asString(block.tool_use_id, `${path}.tool_use_id`, fail);
  const isError = optionalBoolean(block, 'is_error', path, fail);
  const content: Array<TextPart | ImagePart> = [];
  const unmodelled: Positioned[] = [];
  if (typeof block.content === 'string') content.push({ type: 'text', text: block.content });
  else if (block.content !== undefined && block.content !== null) {
    asArray(block.content, `${path}.content`, (p) => fail(p, 'a string or an array of content blocks')).forEach((value, i) => {
      const inner = asBlock(value, `${path}.content[${i}]`, fail);
      const part = inner.type === 'text' ? parseText(inner, `${path}.content[${i}]`, fail) : inner.type === 'image' ? parseImage(inner, `${path}.content[${i}]`, fail) : undefined;
      if (part === undefined) unmodelled.push({ index: i, item: inner });
      else content.push(part);
    });
  }
  const rest = leftovers(block, ['type', 'tool_use_id', 'content', 'is_error']) ?? {};
  if (unmodelled.length > 0) rest[UNMODELLED_BLOCKS] = storePositioned(unmodelled);
  return { type: 'tool-result', toolCallId, content, ...(isError === undefined ? {} : { isError }), ...extrasField(rest) };
}
