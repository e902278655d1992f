import {
  jsonText,
  type AssistantPart,
  type FieldFailure,
  type FieldReader,
  type FilePart,
  type ImagePart,
  type JsonObject,
  type JsonValue,
  type ProviderExtras,
  type TextPart,
  type ToolResultPart,
  type UserPart,
} from '@fluxcore/message';
import { camelRecord, expectCamelObject } from './camel-keys.js';
import { geminiExtras } from './extras.js';
import { generateToolCallId } from './ids.js';
import { geminiSignature } from './signature.js';

/** A wire part the IR cannot express, kept to be put back before IR part `before`. */
export interface UnmodelledPart {
  before: number;
  part: JsonObject;
}

/** Produces tool-call ids for one answer: a seed plus a running position. */
export interface CallIdSource {
  seed: string;
  position: number;
}

const TEXT_KEYS = new Set(['text', 'thought', 'thoughtSignature']);
const CALL_PART_KEYS = new Set(['functionCall', 'thoughtSignature']);
const CALL_KEYS = new Set(['name', 'args']);
const RESPONSE_PART_KEYS = new Set(['functionResponse']);
const RESPONSE_KEYS = new Set(['name', 'response', 'parts']);
const MEDIA_PART_KEYS = new Set(['inlineData', 'fileData']);
const INLINE_KEYS = new Set(['mimeType', 'data']);
const FILE_KEYS = new Set(['mimeType', 'fileUri']);

/** Part-level leftovers plus the leftovers of the nested data object under its own key. */
function partExtras(
  part: FieldReader,
  partKeys: ReadonlySet<string>,
  nestedKey?: string,
  nested?: FieldReader,
  nestedKeys?: ReadonlySet<string>,
): ProviderExtras | undefined {
  const fields: JsonObject = { ...part.rest(partKeys) };
  const inner = nested?.rest(nestedKeys ?? new Set());
  if (nestedKey !== undefined && inner !== undefined) fields[nestedKey] = inner;
  return geminiExtras(fields);
}

function withExtras<T extends { extras?: ProviderExtras }>(part: T, extras: ProviderExtras | undefined): T {
  if (extras !== undefined) part.extras = extras;
  return part;
}

function readPart(value: JsonValue | undefined, path: string, fail: FieldFailure): FieldReader {
  return expectCamelObject(value, path, fail, 'an object (a Part)');
}

/**
 * Parts of a `model` content (a history turn or an answer): text, thoughts, function calls.
 * Anything else (executableCode, inline images the model generated...) is kept unmodelled.
 */
export function modelPartsFromWire(
  parts: JsonValue[],
  path: string,
  fail: FieldFailure,
  ids: CallIdSource,
): { parts: AssistantPart[]; unmodelled: UnmodelledPart[] } {
  const out: AssistantPart[] = [];
  const unmodelled: UnmodelledPart[] = [];
  parts.forEach((value, i) => {
    const part = readPart(value, `${path}[${i}]`, fail);
    const signature = geminiSignature(part.string('thoughtSignature'));
    const text = part.string('text');
    const call = camelRecord(part, 'functionCall');
    if (call !== undefined) {
      const name = call.string('name');
      if (name === undefined || name === '') throw fail(call.at('name'), 'a function name');
      const argumentsJson = jsonText(call.record('args') ?? {}, call.at('args'), fail);
      const id = call.string('id') ?? generateToolCallId(ids.seed, ids.position, name, argumentsJson);
      ids.position++;
      const toolCall: AssistantPart = { type: 'tool-call', id, name, arguments: argumentsJson };
      if (signature !== undefined) toolCall.signature = signature;
      out.push(withExtras(toolCall, partExtras(part, CALL_PART_KEYS, 'functionCall', call, CALL_KEYS)));
    } else if (text !== undefined || (signature !== undefined && Object.keys(part.object).length === 1)) {
      const thought = part.boolean('thought') === true;
      const content: AssistantPart = thought ? { type: 'reasoning', text: text ?? '' } : { type: 'text', text: text ?? '' };
      if (signature !== undefined) content.signature = signature;
      out.push(withExtras(content, partExtras(part, TEXT_KEYS)));
    } else {
      unmodelled.push({ before: out.length, part: value as JsonObject });
    }
  });
  return { parts: out, unmodelled };
}

/** One part of a `user` content, or undefined when the IR cannot express it. */
export function userPartFromWire(part: FieldReader): UserPart | ToolResultPart | undefined {
  const text = part.string('text');
  if (text !== undefined) {
    const textPart: TextPart = { type: 'text', text };
    const signature = geminiSignature(part.string('thoughtSignature'));
    if (signature !== undefined) textPart.signature = signature;
    return withExtras(textPart, partExtras(part, new Set(['text', 'thoughtSignature'])));
  }
  const media = mediaFromWire(part);
  if (media !== undefined) return media;
  const response = camelRecord(part, 'functionResponse');
  return response === undefined ? undefined : functionResponseFromWire(part, response);
}

/** `inlineData` / `fileData` -> image (for `image/*`) or file part. */
function mediaFromWire(part: FieldReader): ImagePart | FilePart | undefined {
  const inline = camelRecord(part, 'inlineData');
  const file = camelRecord(part, 'fileData');
  if (inline !== undefined) {
    const mediaType = inline.string('mimeType');
    const data = inline.string('data');
    if (mediaType === undefined) throw part.fail(inline.at('mimeType'), 'a MIME type string');
    if (data === undefined) throw part.fail(inline.at('data'), 'base64 data');
    const source = { kind: 'base64' as const, data, mediaType };
    const extras = partExtras(part, MEDIA_PART_KEYS, 'inlineData', inline, INLINE_KEYS);
    return withExtras<ImagePart | FilePart>(mediaType.startsWith('image/') ? { type: 'image', source } : { type: 'file', source }, extras);
  }
  if (file !== undefined) {
    const url = file.string('fileUri');
    if (url === undefined) throw part.fail(file.at('fileUri'), 'a file URI string');
    const mediaType = file.string('mimeType');
    const source = mediaType === undefined ? { kind: 'url' as const, url } : { kind: 'url' as const, url, mediaType };
    const extras = partExtras(part, MEDIA_PART_KEYS, 'fileData', file, FILE_KEYS);
    return withExtras<ImagePart | FilePart>(mediaType?.startsWith('image/') === true ? { type: 'image', source } : { type: 'file', source }, extras);
  }
  return undefined;
}

/**
 * `functionResponse` -> tool result. The response object becomes JSON text (lossless: it is
 * parsed back into the same object on the way out). `{error: ...}` without `output` marks a
 * failed call, per the API's documented convention. Images in `parts` stay images.
 * `toolCallId` is resolved later from the call this answers.
 */
function functionResponseFromWire(part: FieldReader, fields: FieldReader): ToolResultPart {
  const name = fields.string('name');
  if (name === undefined || name === '') throw part.fail(fields.at('name'), 'the name of the function that was called');
  const response = fields.record('response') ?? {};
  const result: ToolResultPart = {
    type: 'tool-result',
    toolCallId: fields.string('id') ?? '',
    toolName: name,
    content: [{ type: 'text', text: jsonText(response, fields.at('response'), part.fail) }],
  };
  if ('error' in response && !('output' in response)) result.isError = true;
  const otherParts: JsonValue[] = [];
  (fields.array('parts') ?? []).forEach((value, i) => {
    const media = mediaFromWire(readPart(value, `${fields.at('parts')}[${i}]`, part.fail));
    if (media?.type === 'image') result.content.push(media);
    else otherParts.push(value);
  });
  const inner: JsonObject = { ...fields.rest(RESPONSE_KEYS) };
  if (otherParts.length > 0) inner.parts = otherParts;
  const fieldsOut: JsonObject = { ...part.rest(RESPONSE_PART_KEYS) };
  if (Object.keys(inner).length > 0) fieldsOut.functionResponse = inner;
  return withExtras(result, geminiExtras(fieldsOut));
}
