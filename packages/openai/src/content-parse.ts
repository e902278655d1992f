import type { AssistantPart, JsonObject, JsonValue, TextPart, UserPart } from '@fluxcore/message';
import { PROTOCOL } from './extras.js';
import { audioMediaType, sourceFromUrl } from './media.js';
import { field, invalid, isObject, unknownFields } from './read.js';

/** A user content part: `text`, `image_url`, `input_audio` or `file`. */
export function parseUserPart(raw: JsonValue, param: string): UserPart {
  if (!isObject(raw)) throw invalid(param, 'a content part object');
  switch (raw.type) {
    case 'text':
      return parseTextPart(raw, param);
    case 'image_url': {
      const image = raw.image_url;
      const spec = typeof image === 'string' ? { url: image } : isObject(image) ? image : undefined;
      const url = spec === undefined ? undefined : field.string(spec, 'url', `${param}.image_url.url`);
      if (spec === undefined || url === undefined) throw invalid(`${param}.image_url.url`, 'an http(s) or data URL');
      const part: UserPart = { type: 'image', source: sourceFromUrl(url) };
      const detail = spec.detail;
      if (detail === 'auto' || detail === 'low' || detail === 'high') part.detail = detail;
      else if (detail !== undefined && detail !== null) throw invalid(`${param}.image_url.detail`, "'auto', 'low' or 'high'");
      return withPartExtras(part, raw, 'image_url');
    }
    case 'input_audio': {
      const audio = field.object(raw, 'input_audio', `${param}.input_audio`);
      const data = audio === undefined ? undefined : field.string(audio, 'data', `${param}.input_audio.data`);
      const format = audio === undefined ? undefined : field.string(audio, 'format', `${param}.input_audio.format`);
      if (data === undefined || format === undefined) throw invalid(`${param}.input_audio`, 'an object with base64 data and a format');
      return withPartExtras({ type: 'file', source: { kind: 'base64', data, mediaType: audioMediaType(format) } }, raw, 'input_audio');
    }
    case 'file':
      return parseFilePart(raw, param);
    default:
      throw invalid(`${param}.type`, "'text', 'image_url', 'input_audio' or 'file'");
  }
}

/**
 * `file` parts carry inline data (`file_data`, a data URL) or an uploaded file's id. An id only
 * means something to OpenAI: it becomes a URL source holding the id, with `file_id` in extras.
 */
function parseFilePart(raw: JsonObject, param: string): UserPart {
  const file = field.object(raw, 'file', `${param}.file`);
  if (file === undefined) throw invalid(`${param}.file`, 'an object with file_data or file_id');
  const data = field.string(file, 'file_data', `${param}.file.file_data`);
  const fileId = field.string(file, 'file_id', `${param}.file.file_id`);
  const filename = field.string(file, 'filename', `${param}.file.filename`);
  let part: UserPart;
  if (data !== undefined) {
    const source = sourceFromUrl(data);
    if (source.kind !== 'base64') throw invalid(`${param}.file.file_data`, 'a base64 data URL (data:<mime>;base64,...)');
    part = { type: 'file', source };
  } else if (fileId !== undefined) {
    part = { type: 'file', source: { kind: 'url', url: fileId }, extras: { [PROTOCOL]: { file_id: fileId } } };
  } else throw invalid(`${param}.file`, 'file_data or file_id');
  if (filename !== undefined) part.filename = filename;
  return withPartExtras(part, raw, 'file');
}

function withPartExtras<T extends UserPart | TextPart>(part: T, raw: JsonObject, payloadKey: string): T {
  const rest = unknownFields(raw, new Set(['type', payloadKey]));
  if (rest !== undefined) part.extras = { [PROTOCOL]: { ...part.extras?.[PROTOCOL], ...rest } };
  return part;
}

function parseTextPart(raw: JsonObject, param: string): TextPart {
  const text = field.string(raw, 'text', `${param}.text`);
  if (text === undefined) throw invalid(`${param}.text`, 'a string');
  return withPartExtras({ type: 'text', text }, raw, 'text');
}

/** System, tool and assistant content: a string, or an array of text parts. */
export function parseTextContent(content: JsonValue | undefined, param: string): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalid(param, 'a string or an array of text parts');
  return content.map((part, j) => {
    if (!isObject(part) || part.type !== 'text') throw invalid(`${param}[${j}]`, 'a text part {type:"text",text}');
    return parseTextPart(part, `${param}[${j}]`);
  });
}

/** Assistant content: absent, null, a string, or text and refusal parts. */
export function parseAssistantContent(content: JsonValue | undefined, param: string): AssistantPart[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalid(param, 'a string, null, or an array of text parts');
  return content.map((part, j) => {
    if (isObject(part) && part.type === 'refusal') {
      const refusal = field.string(part, 'refusal', `${param}[${j}].refusal`) ?? '';
      return { type: 'text', text: refusal, extras: { [PROTOCOL]: { refusal: true } } };
    }
    if (!isObject(part) || part.type !== 'text') throw invalid(`${param}[${j}]`, 'a text or refusal part');
    return parseTextPart(part, `${param}[${j}]`);
  });
}
