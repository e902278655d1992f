const DATA_URL = /^data:([^;,]+);base64,(.+)$/s;

/** Split a `data:<mime>;base64,<data>` URL; undefined for any other URL. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = DATA_URL.exec(url);
  return match === null ? undefined : { mediaType: match[1]!, data: match[2]! };
}
