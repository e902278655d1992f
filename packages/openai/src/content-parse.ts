import { FieldReader, invalidRequest, isObject, type AssistantPart, type JsonValue, type TextPart, type UserPart } from '@fluxcore/message';
import { PROTOCOL } from './extras.js';
import { audioMediaType, sourceFromUrl } from './media.js';

/** A user content part: `text`, `image_url`, `input_audio` or `file`. */
export function parseUserPart(raw: JsonValue, path: string): UserPart {
  if (!isObject(raw)) throw invalidRequest(path, 'a content part object');
  const part = new FieldReader(raw, path, invalidRequest);
  switch (raw.type) {
    case 'text':
      return parseTextPart(part);
    case 'image_url':
      return parseImagePart(part);
    case 'input_audio':
      return parseAudioPart(part);
    case 'file':
      return parseFilePart(part);
    default:
      throw invalidRequest(part.at('type'), "'text', 'image_url', 'input_audio' or 'file'");
  }
}

/** `image_url` is an object with `url` and `detail`, or (older clients) the URL itself. */
function parseImagePart(part: FieldReader): UserPart {
  const at = part.at('image_url');
  const value = part.raw('image_url');
  const spec = typeof value === 'string' ? { url: value } : isObject(value) ? value : undefined;
  const image = spec === undefined ? undefined : new FieldReader(spec, at, invalidRequest);
  const url = image?.string('url');
  if (image === undefined || url === undefined) throw invalidRequest(`${at}.url`, 'an http(s) or data URL');
  const parsed: UserPart = { type: 'image', source: sourceFromUrl(url) };
  const detail = image.raw('detail');
  if (detail === 'auto' || detail === 'low' || detail === 'high') parsed.detail = detail;
  else if (detail !== undefined) throw invalidRequest(image.at('detail'), "'auto', 'low' or 'high'");
  return withPartExtras(parsed, part, 'image_url');
}

function parseAudioPart(part: FieldReader): UserPart {
  const audio = part.reader('input_audio');
  const data = audio?.string('data');
  const format = audio?.string('format');
  if (data === undefined || format === undefined) throw invalidRequest(part.at('input_audio'), 'an object with base64 data and a format');
  return withPartExtras({ type: 'file', source: { kind: 'base64', data, mediaType: audioMediaType(format) } }, part, 'input_audio');
}

/**
 * `file` parts carry inline data (`file_data`, a data URL) or an uploaded file's id. An id only
 * means something to OpenAI: it becomes a URL source holding the id, with `file_id` in extras.
 */
function parseFilePart(part: FieldReader): UserPart {
  const file = part.reader('file');
  if (file === undefined) throw invalidRequest(part.at('file'), 'an object with file_data or file_id');
  const data = file.string('file_data');
  const fileId = file.string('file_id');
  const filename = file.string('filename');
  let parsed: UserPart;
  if (data !== undefined) {
    const source = sourceFromUrl(data);
    if (source.kind !== 'base64') throw invalidRequest(file.at('file_data'), 'a base64 data URL (data:<mime>;base64,...)');
    parsed = { type: 'file', source };
  } else if (fileId !== undefined) {
    parsed = { type: 'file', source: { kind: 'url', url: fileId }, extras: { [PROTOCOL]: { file_id: fileId } } };
  } else throw invalidRequest(file.path, 'file_data or file_id');
  if (filename !== undefined) parsed.filename = filename;
  return withPartExtras(parsed, part, 'file');
}

/** The part's fields other than `type` and its payload, kept in its extras. */
function withPartExtras<T extends UserPart | TextPart>(parsed: T, part: FieldReader, payloadKey: string): T {
  const rest = part.rest(new Set(['type', payloadKey]));
  if (rest !== undefined) parsed.extras = { [PROTOCOL]: { ...parsed.extras?.[PROTOCOL], ...rest } };
  return parsed;
}

function parseTextPart(part: FieldReader): TextPart {
  const text = part.string('text');
  if (text === undefined) throw invalidRequest(part.at('text'), 'a string');
  return withPartExtras({ type: 'text', text }, part, 'text');
}

/** System, tool and assistant content: a string, or an array of text parts. */
export function parseTextContent(content: JsonValue | undefined, path: string): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalidRequest(path, 'a string or an array of text parts');
  return content.map((part, j) => {
    if (!isObject(part) || part.type !== 'text') throw invalidRequest(`${path}[${j}]`, 'a text part {type:"text",text}');
    return parseTextPart(new FieldReader(part, `${path}[${j}]`, invalidRequest));
  });
}

/** Assistant content: absent, null, a string, or text and refusal parts. */
export function parseAssistantContent(content: JsonValue | undefined, path: string): AssistantPart[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalidRequest(path, 'a string, null, or an array of text parts');
  return content.map((raw, j) => {
    if (!isObject(raw) || (raw.type !== 'text' && raw.type !== 'refusal')) throw invalidRequest(`${path}[${j}]`, 'a text or refusal part');
    const part = new FieldReader(raw, `${path}[${j}]`, invalidRequest);
    if (raw.type === 'text') return parseTextPart(part);
    return { type: 'text', text: part.string('refusal') ?? '', extras: { [PROTOCOL]: { refusal: true } } };
  });
}
