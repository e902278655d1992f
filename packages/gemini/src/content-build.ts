import { isObject, tryParseJson } from '@fluxcore/message';
import type { AssistantPart, FieldFailure, FilePart, ImagePart, JsonObject, JsonValue, ProviderExtras, TextPart, ToolResultPart } from '@fluxcore/message';
import { extrasObject } from './extras.js';
import { DEFAULT_FILE_MIME, DEFAULT_IMAGE_MIME, inferMimeType, parseDataUrl } from './media.js';
import { ownSignature } from './signature.js';

type DataKey = 'functionCall' | 'functionResponse' | 'inlineData' | 'fileData';

/** Our own leftovers on a part: part-level fields plus those of one nested data object. */
function leftovers(extras: ProviderExtras | undefined, dataKey?: DataKey): { part: JsonObject; inner: JsonObject } {
  const { [dataKey ?? '']: nested, ...part } = extras?.gemini ?? {};
  return { part, inner: extrasObject(nested) };
}

function signed(part: JsonObject, signature: string | undefined): JsonObject {
  if (signature !== undefined) part.thoughtSignature = signature;
  return part;
}

/** Text part, or nothing for an empty unsigned text (Gemini rejects empty text parts). */
export function textToWire(part: TextPart): JsonObject[] {
  const signature = ownSignature(part.signature);
  if (part.text === '' && signature === undefined) return [];
  return [signed({ ...leftovers(part.extras).part, text: part.text }, signature)];
}

/**
 * An image or document: inline base64 (also from a data URL) or `fileData` with a MIME type,
 * inferred from the URL's extension when the client gave none (images default to JPEG,
 * documents to PDF).
 */
export function mediaToWire(part: ImagePart | FilePart): JsonObject {
  const source = part.source;
  const inline = source.kind === 'base64' ? { mediaType: source.mediaType, data: source.data } : parseDataUrl(source.url);
  if (inline !== undefined) {
    const { part: rest, inner } = leftovers(part.extras, 'inlineData');
    return { ...rest, inlineData: { ...inner, mimeType: inline.mediaType, data: inline.data } };
  }
  const url = source.kind === 'url' ? source.url : '';
  const fallback = part.type === 'image' ? DEFAULT_IMAGE_MIME : DEFAULT_FILE_MIME;
  const filename = part.type === 'file' ? part.filename : undefined;
  const mimeType =
    (source.kind === 'url' ? source.mediaType : undefined) ?? inferMimeType(url) ?? (filename === undefined ? undefined : inferMimeType(filename)) ?? fallback;
  const { part: rest, inner } = leftovers(part.extras, 'fileData');
  return { ...rest, fileData: { ...inner, mimeType, fileUri: url } };
}

/** Options for turning assistant parts into `model` parts. */
export interface ModelPartOptions {
  /** Put the IR call id in `functionCall.id` (answers to Gemini clients do; requests to Gemini only echo ids Gemini gave). */
  includeCallIds: boolean;
  /** Turns tool-call argument text into the object Gemini needs (strict for requests, lenient for answers). */
  argumentsOf: (text: string) => JsonObject;
  /**
   * Reasoning signed by another family: requests drop it (Gemini cannot verify it), answers keep
   * the thought text without the foreign signature (the client should still see what was thought).
   */
  foreignReasoning: 'drop' | 'unsigned';
}

/**
 * One assistant part as `model` parts. Redacted reasoning is dropped (Gemini cannot use it), and
 * a foreign signature is never sent: see `foreignReasoning` for what happens to its text.
 */
export function assistantPartToWire(part: AssistantPart, options: ModelPartOptions): JsonObject[] {
  switch (part.type) {
    case 'text':
      return textToWire(part);
    case 'reasoning': {
      const signature = ownSignature(part.signature);
      const foreign = part.signature !== undefined && signature === undefined;
      if (part.redacted !== undefined || (foreign && options.foreignReasoning === 'drop') || (part.text === '' && signature === undefined)) return [];
      return [signed({ ...leftovers(part.extras).part, text: part.text, thought: true }, signature)];
    }
    case 'tool-call': {
      const { part: rest, inner } = leftovers(part.extras, 'functionCall');
      const call: JsonObject = { ...inner, name: part.name, args: options.argumentsOf(part.arguments) };
      if (options.includeCallIds) call.id = part.id;
      return [signed({ ...rest, functionCall: call }, ownSignature(part.signature))];
    }
  }
}

/** Tool-call arguments as the object Gemini needs: `""` means no arguments. */
export function argumentsObject(text: string, path: string, fail: FieldFailure): JsonObject {
  if (text.trim() === '') return {};
  const value = tryParseJson(text);
  if (value === null) return {};
  if (!isObject(value)) throw fail(path, 'a JSON object (Gemini function calls take an object of arguments)');
  return value;
}

/**
 * A tool result as a `functionResponse` part. Text that is a JSON object is sent as the
 * response object itself; other text is wrapped as `{output}` (or `{error}` for a failed
 * call), the keys the API documents. Images travel in `functionResponse.parts`.
 */
export function toolResultToWire(part: ToolResultPart, name: string): JsonObject {
  const text = part.content.map((item) => (item.type === 'text' ? item.text : '')).join('');
  const { part: rest, inner } = leftovers(part.extras, 'functionResponse');
  const response: JsonObject = { ...inner, name, response: responseObject(text, part.isError === true) };
  const images = part.content.filter((item): item is ImagePart => item.type === 'image').map(mediaToWire);
  const extraParts = Array.isArray(inner.parts) ? inner.parts : [];
  if (images.length > 0 || extraParts.length > 0) response.parts = [...images, ...extraParts];
  return { ...rest, functionResponse: response };
}

/**
 * Arguments for an answer we send to a Gemini client. Text that is not a JSON object (a call
 * cut off by the token limit) cannot be expressed as Gemini `args`, so it becomes `{}`.
 */
export function lenientArguments(text: string): JsonObject {
  const value = tryParseJson(text);
  return isObject(value) ? value : {};
}

/** Flatten converted parts, putting back wire parts the IR could not express where they stood. */
export function interleave(converted: JsonObject[][], unmodelledParts: JsonValue | undefined): JsonObject[] {
  const unmodelled = Array.isArray(unmodelledParts) ? unmodelledParts.filter(isObject) : [];
  const parts: JsonObject[] = [];
  for (let k = 0; k <= converted.length; k++) {
    for (const entry of unmodelled) if (entry.before === k && isObject(entry.part)) parts.push(entry.part);
    parts.push(...(converted[k] ?? []));
  }
  return parts;
}

function responseObject(text: string, isError: boolean): JsonObject {
  const value = tryParseJson(text);
  if (isObject(value)) return value;
  // Plain text: wrapped as the API documents.
  return isError ? { error: text } : { output: text };
}
