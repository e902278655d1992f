import {
  expectObject,
  expectString,
  isObject,
  jsonText,
  optionalBoolean,
  optionalString,
  ownValue,
  unknownFields,
  type AssistantPart,
  type FieldFailure,
  type FilePart,
  type ImagePart,
  type JsonObject,
  type JsonValue,
  type ReasoningPart,
  type TextPart,
  type ToolCallPart,
  type ToolResultPart,
  type UserPart,
} from '@fluxcore/message';
import { extrasField, PROTOCOL } from './own-extras.js';
import { storePositioned, UNMODELLED_BLOCKS, type Positioned } from './unmodelled.js';

/** The fields each block type's IR part models; the rest rides in the part's extras. */
const TEXT_FIELDS: ReadonlySet<string> = new Set(['type', 'text']);
const THINKING_FIELDS: ReadonlySet<string> = new Set(['type', 'thinking', 'signature']);
const REDACTED_THINKING_FIELDS: ReadonlySet<string> = new Set(['type', 'data']);
const TOOL_USE_FIELDS: ReadonlySet<string> = new Set(['type', 'id', 'name', 'input']);
const IMAGE_FIELDS: ReadonlySet<string> = new Set(['type', 'source']);
const DOCUMENT_FIELDS: ReadonlySet<string> = new Set(['type', 'source', 'title']);
const TOOL_RESULT_FIELDS: ReadonlySet<string> = new Set(['type', 'tool_use_id', 'content', 'is_error']);

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
export function parseAssistantContent(content: JsonValue | undefined, path: string, fail: FieldFailure): ParsedBlocks<AssistantPart> {
  if (typeof content === 'string') return { parts: [{ type: 'text', text: content }], unmodelled: [] };
  const blocks = expectBlocks(content, path, fail);
  const result: ParsedBlocks<AssistantPart> = { parts: [], unmodelled: [] };
  blocks.forEach((value, i) => {
    const block = expectBlock(value, `${path}[${i}]`, fail);
    const part = parseBlock(ASSISTANT_BLOCKS, block, `${path}[${i}]`, fail);
    if (part === undefined) result.unmodelled.push({ index: i, item: block });
    else result.parts.push(part);
  });
  return result;
}

/** Parse a user `content`: text, images, documents and tool results. */
export function parseUserContent(content: JsonValue | undefined, path: string, fail: FieldFailure): ParsedUserContent {
  if (typeof content === 'string') return { parts: [{ type: 'text', text: content }], unmodelled: [], toolResults: [] };
  const blocks = expectBlocks(content, path, fail);
  const result: ParsedUserContent = { parts: [], unmodelled: [], toolResults: [] };
  blocks.forEach((value, i) => {
    const at = `${path}[${i}]`;
    const block = expectBlock(value, at, fail);
    if (block.type === 'tool_result') return void result.toolResults.push(parseToolResult(block, at, fail));
    const part = parseBlock(USER_BLOCKS, block, at, fail);
    if (part === undefined) result.unmodelled.push({ index: result.parts.length + result.unmodelled.length, item: block });
    else result.parts.push(part);
  });
  return result;
}

/** Parse `system`: a string or an array of text blocks. */
export function parseSystem(system: JsonValue, path: string, fail: FieldFailure): TextPart[] {
  if (typeof system === 'string') return [{ type: 'text', text: system }];
  if (!Array.isArray(system)) throw fail(path, 'a string or an array of text blocks');
  return system.map((value, i) => {
    const block = expectBlock(value, `${path}[${i}]`, fail);
    if (block.type !== 'text') throw fail(`${path}[${i}].type`, '"text" (system accepts only text blocks)');
    return parseText(block, `${path}[${i}]`, fail);
  });
}

/** A `content` other than a string: an array of blocks. */
function expectBlocks(content: JsonValue | undefined, path: string, fail: FieldFailure): JsonValue[] {
  if (!Array.isArray(content)) throw fail(path, 'a string or an array of content blocks');
  return content;
}

function expectBlock(value: JsonValue, path: string, fail: FieldFailure): JsonObject {
  if (!isObject(value)) throw fail(path, 'a content block object');
  if (typeof value.type !== 'string') throw fail(`${path}.type`, 'a content block type string');
  return value;
}

/** Reads one type of block into its IR part, or undefined for a form of it the IR does not model (kept opaque). */
type BlockParser<P> = (block: JsonObject, path: string, fail: FieldFailure) => P | undefined;

/** The block types the IR models in each role, with their parsers; any other block is kept opaque. */
const ASSISTANT_BLOCKS: Readonly<Record<string, BlockParser<AssistantPart>>> = {
  text: parseText,
  thinking: parseThinking,
  redacted_thinking: parseRedactedThinking,
  tool_use: parseToolUse,
};
const USER_BLOCKS: Readonly<Record<string, BlockParser<UserPart>>> = { text: parseText, image: parseImage, document: parseDocument };

/** The IR part of a block whose type `parsers` models; undefined for a block kept opaque. */
function parseBlock<P>(parsers: Readonly<Record<string, BlockParser<P>>>, block: JsonObject, path: string, fail: FieldFailure): P | undefined {
  const parse = typeof block.type === 'string' ? ownValue(parsers, block.type) : undefined;
  return parse?.(block, path, fail);
}

function parseText(block: JsonObject, path: string, fail: FieldFailure): TextPart {
  const text = expectString(block.text, `${path}.text`, fail);
  return { type: 'text', text, ...extrasField(unknownFields(block, TEXT_FIELDS)) };
}

function parseThinking(block: JsonObject, path: string, fail: FieldFailure): ReasoningPart {
  const text = expectString(block.thinking, `${path}.thinking`, fail);
  const signature = optionalString(block.signature, `${path}.signature`, fail);
  return {
    type: 'reasoning',
    text,
    ...(signature ? { signature: { family: PROTOCOL, value: signature } } : {}),
    ...extrasField(unknownFields(block, THINKING_FIELDS)),
  };
}

function parseRedactedThinking(block: JsonObject, path: string, fail: FieldFailure): ReasoningPart {
  const data = expectString(block.data, `${path}.data`, fail);
  return { type: 'reasoning', text: '', redacted: { family: PROTOCOL, value: data }, ...extrasField(unknownFields(block, REDACTED_THINKING_FIELDS)) };
}

function parseToolUse(block: JsonObject, path: string, fail: FieldFailure): ToolCallPart {
  const id = expectString(block.id, `${path}.id`, fail);
  const name = expectString(block.name, `${path}.name`, fail);
  const input = block.input === undefined ? {} : expectObject(block.input, `${path}.input`, fail);
  return { type: 'tool-call', id, name, arguments: jsonText(input, `${path}.input`, fail), ...extrasField(unknownFields(block, TOOL_USE_FIELDS)) };
}

/** Images by base64 or URL; other sources (`file`) stay opaque. */
function parseImage(block: JsonObject, path: string, fail: FieldFailure): ImagePart | undefined {
  const source = expectObject(block.source, `${path}.source`, fail);
  const rest = extrasField(unknownFields(block, IMAGE_FIELDS));
  if (source.type === 'base64') {
    const data = expectString(source.data, `${path}.source.data`, fail);
    const mediaType = expectString(source.media_type, `${path}.source.media_type`, fail);
    return { type: 'image', source: { kind: 'base64', data, mediaType }, ...rest };
  }
  if (source.type === 'url') return { type: 'image', source: { kind: 'url', url: expectString(source.url, `${path}.source.url`, fail) }, ...rest };
  return undefined;
}

/**
 * Documents: PDF by base64 or URL, and plain text (carried as base64 `text/plain` so every
 * protocol sees one file shape). Other sources (`file`, `content`) stay opaque.
 */
function parseDocument(block: JsonObject, path: string, fail: FieldFailure): FilePart | undefined {
  const source = expectObject(block.source, `${path}.source`, fail);
  const title = optionalString(block.title, `${path}.title`, fail);
  const common = { ...(title === undefined ? {} : { filename: title }), ...extrasField(unknownFields(block, DOCUMENT_FIELDS)) };
  switch (source.type) {
    case 'base64': {
      const data = expectString(source.data, `${path}.source.data`, fail);
      const mediaType = expectString(source.media_type, `${path}.source.media_type`, fail);
      return { type: 'file', source: { kind: 'base64', data, mediaType }, ...common };
    }
    case 'text': {
      const text = expectString(source.data, `${path}.source.data`, fail);
      const mediaType = optionalString(source.media_type, `${path}.source.media_type`, fail) ?? 'text/plain';
      return { type: 'file', source: { kind: 'base64', data: Buffer.from(text, 'utf8').toString('base64'), mediaType }, ...common };
    }
    case 'url':
      return { type: 'file', source: { kind: 'url', url: expectString(source.url, `${path}.source.url`, fail), mediaType: 'application/pdf' }, ...common };
    default:
      return undefined;
  }
}

/** A tool result: string content or text/image blocks; other blocks stay opaque on the part. */
function parseToolResult(block: JsonObject, path: string, fail: FieldFailure): ToolResultPart {
  const toolCallId = expectString(block.tool_use_id, `${path}.tool_use_id`, fail);
  const isError = optionalBoolean(block.is_error, `${path}.is_error`, fail);
  const content: Array<TextPart | ImagePart> = [];
  const unmodelled: Positioned[] = [];
  if (typeof block.content === 'string') content.push({ type: 'text', text: block.content });
  else if (block.content !== undefined && block.content !== null) {
    expectBlocks(block.content, `${path}.content`, fail).forEach((value, i) => {
      const inner = expectBlock(value, `${path}.content[${i}]`, fail);
      const part =
        inner.type === 'text'
          ? parseText(inner, `${path}.content[${i}]`, fail)
          : inner.type === 'image'
            ? parseImage(inner, `${path}.content[${i}]`, fail)
            : undefined;
      if (part === undefined) unmodelled.push({ index: i, item: inner });
      else content.push(part);
    });
  }
  const rest = unknownFields(block, TOOL_RESULT_FIELDS) ?? {};
  if (unmodelled.length > 0) rest[UNMODELLED_BLOCKS] = storePositioned(unmodelled);
  return { type: 'tool-result', toolCallId, content, ...(isError === undefined ? {} : { isError }), ...extrasField(rest) };
}
