import type { HeaderMap, UpstreamTarget } from '@fluxcore/message';

/**
 * `{base}/{version}/chat`. A base that already ends in the version segment (`…/v2`) gets only
 * `/chat`; trailing slashes never double.
 */
export function chatUrl(baseURL: string, version: 'v1' | 'v2'): string {
  const base = baseURL.replace(/\/+$/, '');
  return base.endsWith(`/${version}`) ? `${base}/chat` : `${base}/${version}/chat`;
}

/** Bearer auth, JSON body, SSE accept for streams; the key's own headers win. */
export function cohereHeaders(target: UpstreamTarget, streamAccept: string): HeaderMap {
  const headers: HeaderMap = {
    authorization: `Bearer ${target.apiKey}`,
    'content-type': 'application/json',
    accept: target.stream ? streamAccept : 'application/json',
  };
  for (const [name, value] of Object.entries(target.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}
