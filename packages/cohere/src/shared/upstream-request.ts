import type { HeaderMap, JsonObject, UpstreamRequest, UpstreamTarget } from '@fluxcore/message';

type Version = 'v1' | 'v2';

/** What each version streams: v1 newline-delimited JSON, v2 Server-Sent Events. */
const STREAM_ACCEPT: Readonly<Record<Version, string>> = { v1: 'application/stream+json', v2: 'text/event-stream' };

/** `POST {base}/{version}/chat` carrying `body`. */
export function cohereChatRequest(body: JsonObject, target: UpstreamTarget, version: Version): UpstreamRequest {
  return { url: chatUrl(target.baseURL, version), method: 'POST', headers: cohereHeaders(target, STREAM_ACCEPT[version]), body: JSON.stringify(body) };
}

/** Same protocol on both sides: the client's body, with only the model and `stream` replaced. */
export function coherePassthrough(body: JsonObject, target: UpstreamTarget, version: Version): UpstreamRequest {
  return cohereChatRequest({ ...body, model: target.model, stream: target.stream }, target, version);
}

/**
 * `{base}/{version}/chat`. A base that already ends in the version segment (`…/v2`) gets only
 * `/chat`; trailing slashes never double.
 */
function chatUrl(baseURL: string, version: Version): string {
  const base = baseURL.replace(/\/+$/, '');
  return base.endsWith(`/${version}`) ? `${base}/chat` : `${base}/${version}/chat`;
}

/** Bearer auth, JSON body, the version's stream type as accept for streams; the key's own headers win. */
function cohereHeaders(target: UpstreamTarget, streamAccept: string): HeaderMap {
  const headers: HeaderMap = {
    authorization: `Bearer ${target.apiKey}`,
    'content-type': 'application/json',
    accept: target.stream ? streamAccept : 'application/json',
  };
  for (const [name, value] of Object.entries(target.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}
