import { compact, invalidRequest, type JsonObject, type JsonValue, type TextPart, type UserPart } from '@fluxcore/message';
import { ownExtras, PROTOCOL } from './extras.js';
import { audioFormat, urlFromSource } from './media.js';

/** One plain text part is sent as a string; anything else as text parts. */
export function textContent(parts: TextPart[]): JsonValue {
  const only = parts[0];
  if (parts.length === 1 && only !== undefined && only.extras?.[PROTOCOL] === undefined) return only.text;
  return parts.map(textPart);
}

/** One text part, its unmodelled fields written back. */
function textPart(part: TextPart): JsonObject {
  return { type: 'text', text: part.text, ...part.extras?.[PROTOCOL] };
}

/** A user content part on the wire: `text`, `image_url`, `input_audio` (wav/mp3), or `file` (data URL or uploaded id). */
export function buildUserPart(part: UserPart, param: string): JsonObject {
  const extras = ownExtras(part.extras);
  switch (part.type) {
    case 'text':
      return textPart(part);
    case 'image':
      return { ...extras, type: 'image_url', image_url: compact({ url: urlFromSource(part.source), detail: part.detail }) };
    case 'file': {
      const { file_id: fileId, ...rest } = extras;
      if (typeof fileId === 'string') return { ...rest, type: 'file', file: compact({ file_id: fileId, filename: part.filename }) };
      if (part.source.kind === 'url') throw invalidRequest(param, 'an inline (base64) file: OpenAI Chat Completions takes no file URLs');
      const format = audioFormat(part.source.mediaType);
      if (format !== undefined) return { ...rest, type: 'input_audio', input_audio: { data: part.source.data, format } };
      return { ...rest, type: 'file', file: compact({ filename: part.filename, file_data: urlFromSource(part.source) }) };
    }
  }
}
