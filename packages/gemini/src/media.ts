import { ownValue } from '@fluxcore/message';

/** MIME types by file extension, for `fileData` parts (Gemini requires a `mimeType`). */
const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  xml: 'text/xml',
  json: 'application/json',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  aac: 'audio/aac',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  mpeg: 'video/mpeg',
  mov: 'video/quicktime',
  webm: 'video/webm',
};

/** Used for an image URL whose type cannot be inferred. */
export const DEFAULT_IMAGE_MIME = 'image/jpeg';
/** Used for a document URL whose type cannot be inferred. */
export const DEFAULT_FILE_MIME = 'application/pdf';

/**
 * Infer a MIME type from the extension of a URL's path (or of a file name). YouTube links are
 * videos. Returns undefined when nothing is recognised.
 */
export function inferMimeType(urlOrName: string): string | undefined {
  let path = urlOrName;
  try {
    const url = new URL(urlOrName);
    if (/(^|\.)youtube\.com$|^youtu\.be$/.test(url.hostname)) return 'video/mp4';
    path = url.pathname;
  } catch {
    // Not a URL: a bare file name.
  }
  const dot = path.lastIndexOf('.');
  if (dot === -1 || dot < path.lastIndexOf('/')) return undefined;
  const extension = path.slice(dot + 1).toLowerCase();
  return ownValue(MIME_BY_EXTENSION, extension);
}

/** Split a `data:<mime>;base64,<data>` URL. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^;,]+);base64,(.+)$/s.exec(url);
  return match === null ? undefined : { mediaType: match[1]!, data: match[2]! };
}
