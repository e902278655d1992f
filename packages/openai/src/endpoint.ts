import { FluxError } from '@fluxcore/errors';
import type { HeaderMap, UpstreamTarget } from '@fluxcore/message';
import { dialectOf, OPENAI, type Dialect } from './dialect.js';

/**
 * Where an OpenAI-style endpoint lives and how it wants to be addressed. `openai` and
 * `azureOpenAI()` share everything else.
 */
export interface EndpointStyle {
  /** The full chat-completions URL for a key's base URL. */
  url(baseURL: string): string;
  /** The headers that carry the API key. */
  auth(apiKey: string): HeaderMap;
  /** What the service behind the base URL needs beyond the common protocol. */
  dialect(baseURL: string): Dialect;
}

/** A path segment naming an API version: `v1`, `v4`, `v1beta`, `v2alpha1`. */
const VERSION_SEGMENT = /^v\d+([a-z]+\d*)?$/;
const CHAT_PATH = '/chat/completions';

/**
 * The chat-completions URL for a base URL, following one rule:
 * - a base that already ends in `/chat/completions` is used as is;
 * - a base whose path ends in a version segment (`/v1`, `/openai/v1`, `/api/paas/v4`) gets
 *   `/chat/completions`;
 * - any other base gets `/v1/chat/completions`.
 * Trailing slashes never double, and a query string on the base is kept.
 */
export function chatCompletionsURL(baseURL: string): string {
  const url = parseBase(baseURL);
  const path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith(CHAT_PATH)) url.pathname = path;
  else {
    const last = path.slice(path.lastIndexOf('/') + 1);
    url.pathname = VERSION_SEGMENT.test(last) ? `${path}${CHAT_PATH}` : `${path}/v1${CHAT_PATH}`;
  }
  return url.toString();
}

function parseBase(baseURL: string): URL {
  try {
    return new URL(baseURL);
  } catch (cause) {
    throw new FluxError({ category: 'invalid_request', message: `openai: baseURL is not a valid URL: ${baseURL}`, param: 'baseURL', cause });
  }
}

/** Most base URLs a memo keeps; past that it starts over (a caller cycling through many only refills it). */
const MEMO_LIMIT = 64;

/**
 * `derive`, remembered per base URL. A key's base URL is fixed, so the URL parsing behind the
 * upstream URL and the dialect need not run again on every request. A base URL that makes
 * `derive` throw is not remembered: it throws again each time.
 */
export function memoByBaseURL<T>(derive: (baseURL: string) => T): (baseURL: string) => T {
  const known = new Map<string, T>();
  return (baseURL) => {
    let value = known.get(baseURL);
    if (value === undefined) {
      value = derive(baseURL);
      if (known.size >= MEMO_LIMIT) known.clear();
      known.set(baseURL, value);
    }
    return value;
  };
}

/** OpenAI itself and OpenAI-compatible services (Mistral, Groq, DeepSeek, Zhipu, vLLM, ...). */
export const openaiEndpoint: EndpointStyle = {
  url: memoByBaseURL(chatCompletionsURL),
  auth: (apiKey): HeaderMap => (apiKey === '' ? {} : { authorization: `Bearer ${apiKey}` }),
  dialect: memoByBaseURL(dialectOf),
};

/** Options of {@link azureOpenAI}. */
export interface AzureOpenAIOptions {
  /** The `api-version` query parameter, e.g. `2024-10-21`. */
  apiVersion: string;
}

/**
 * Azure OpenAI's deployment form: the key's base URL is the deployment
 * (`https://{resource}.openai.azure.com/openai/deployments/{deployment}`); requests go to
 * `{base}/chat/completions?api-version=...` with the key in an `api-key` header.
 */
export function azureEndpoint(options: AzureOpenAIOptions): EndpointStyle {
  if (typeof options?.apiVersion !== 'string' || options.apiVersion === '') {
    throw new FluxError({ category: 'invalid_request', message: 'azureOpenAI: apiVersion must be a non-empty string', param: 'apiVersion' });
  }
  return {
    url: memoByBaseURL((baseURL) => {
      const url = parseBase(baseURL);
      const path = url.pathname.replace(/\/+$/, '');
      url.pathname = path.endsWith(CHAT_PATH) ? path : `${path}${CHAT_PATH}`;
      url.searchParams.set('api-version', options.apiVersion);
      return url.toString();
    }),
    auth: (apiKey) => ({ 'api-key': apiKey }),
    dialect: () => OPENAI,
  };
}

/** The headers of one upstream call: content type, accept, auth, then the key's own headers. */
export function upstreamHeaders(style: EndpointStyle, target: UpstreamTarget): HeaderMap {
  const headers: HeaderMap = {
    'content-type': 'application/json',
    accept: target.stream ? 'text/event-stream' : 'application/json',
    ...style.auth(target.apiKey),
  };
  for (const [name, value] of Object.entries(target.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}
