import type { HeaderMap, UpstreamTarget } from '@fluxcore/message';

/** The API version this adapter speaks upstream. */
export const ANTHROPIC_VERSION = '2023-06-01';

/**
 * `{base}/v1/messages`. A base URL that already ends in `/v1` gets only `/messages`; trailing
 * slashes never double.
 */
export function messagesURL(baseURL: string): string {
  const base = baseURL.replace(/\/+$/, '');
  return /\/v1$/.test(base) ? `${base}/messages` : `${base}/v1/messages`;
}

/** Headers for one upstream call; the key's own headers override ours. */
export function upstreamHeaders(target: UpstreamTarget): HeaderMap {
  const headers: HeaderMap = {
    'content-type': 'application/json',
    accept: target.stream ? 'text/event-stream' : 'application/json',
    'x-api-key': target.apiKey,
    'anthropic-version': ANTHROPIC_VERSION,
  };
  for (const [name, value] of Object.entries(target.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}
