import type { MediaSource } from '@fluxcore/message';

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

/** A `data:<mime>;base64,<data>` URL becomes inline base64; anything else stays a URL. */
export function sourceFromUrl(url: string): MediaSource {
  const match = DATA_URL.exec(url);
  if (match?.[1] !== undefined && match[2] !== undefined) return { kind: 'base64', mediaType: match[1], data: match[2] };
  return { kind: 'url', url };
}

/** The URL OpenAI takes for a media source: the URL itself, or a base64 data URL. */
export function urlFromSource(source: MediaSource): string {
  return source.kind === 'url' ? source.url : `data:${source.mediaType};base64,${source.data}`;
}

/**
 * `input_audio.format` values and the MIME types they stand for. Maps, not object literals:
 * a wire value such as `constructor` must not find Object's prototype members.
 */
const AUDIO_FORMATS: ReadonlyMap<string, string> = new Map([
  ['wav', 'audio/wav'],
  ['mp3', 'audio/mpeg'],
]);
const AUDIO_MIME_FORMATS: ReadonlyMap<string, string> = new Map([
  ['audio/wav', 'wav'],
  ['audio/x-wav', 'wav'],
  ['audio/wave', 'wav'],
  ['audio/mpeg', 'mp3'],
  ['audio/mp3', 'mp3'],
]);

/** MIME type for an `input_audio.format` (`wav` → `audio/wav`); unknown formats become `audio/<format>`. */
export function audioMediaType(format: string): string {
  return AUDIO_FORMATS.get(format) ?? `audio/${format}`;
}

/** The `input_audio.format` for a MIME type, when OpenAI accepts that audio as `input_audio`. */
export function audioFormat(mediaType: string): string | undefined {
  return AUDIO_MIME_FORMATS.get(mediaType.toLowerCase());
}
