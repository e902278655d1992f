import { FluxError, registerSecret } from '@fluxcore/errors';
import type { ProtocolAdapter } from '@fluxcore/message';

/**
 * Connection credentials for one provider account: where to send requests, the key to send,
 * and the wire protocol to speak. One Key may be shared by many endpoints (one per model).
 */
export interface Key {
  /** Provider base URL: http or https, a host, no credentials, no query, no fragment. */
  readonly baseURL: string;
  /** The provider API key. Registered for redaction when validated; never echoed in errors. */
  readonly apiKey: string;
  /** The adapter object of the provider's wire protocol (`openai`, `anthropic`, ...). */
  readonly protocol: ProtocolAdapter;
  /** Extra headers sent with every request on this key (they override the adapter's). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The adapter methods a protocol object must have to serve as a Key's protocol. */
const ADAPTER_METHODS = [
  'parseRequest',
  'formatResponse',
  'createStreamEncoder',
  'formatError',
  'buildRequest',
  'buildPassthroughRequest',
  'parseResponse',
  'createStreamDecoder',
  'parseError',
] as const;

/** RFC 9110 token characters: what a header name may contain. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Control characters (CR and LF included) would split or corrupt a header. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * Check a Key and register its apiKey for redaction. Throws a FluxError `invalid_request`
 * whose `param` names the field (`key.baseURL`, `key.apiKey`, ...). No message ever contains
 * the apiKey, the header values, or the baseURL (a rejected URL may itself carry a secret).
 */
export function validateKey(key: Key): void {
  if (typeof key !== 'object' || key === null) throw invalid('key', 'key must be an object with baseURL, apiKey and protocol');
  validateApiKey(key.apiKey);
  registerSecret(key.apiKey);
  validateBaseURL(key.baseURL);
  validateProtocol(key.protocol);
  if (key.headers !== undefined) validateHeaders(key.headers);
}

function validateApiKey(apiKey: unknown): asserts apiKey is string {
  if (typeof apiKey !== 'string' || apiKey === '') throw invalid('key.apiKey', 'key.apiKey must be a non-empty string');
  if (apiKey.trim() !== apiKey) throw invalid('key.apiKey', 'key.apiKey has leading or trailing whitespace');
  if (CONTROL_CHARACTER.test(apiKey)) throw invalid('key.apiKey', 'key.apiKey contains a control character');
}

function validateBaseURL(baseURL: unknown): void {
  const param = 'key.baseURL';
  if (typeof baseURL !== 'string' || baseURL === '') throw invalid(param, 'key.baseURL must be a non-empty string');
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw invalid(param, 'key.baseURL is not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(param, 'key.baseURL must use http or https');
  if (url.hostname === '') throw invalid(param, 'key.baseURL has no host');
  if (url.username !== '' || url.password !== '') {
    throw invalid(param, 'key.baseURL must not contain user:password (put the credential in key.apiKey)');
  }
  if (baseURL.includes('?')) throw invalid(param, 'key.baseURL must not contain a query string (put the credential in key.apiKey)');
  if (baseURL.includes('#')) throw invalid(param, 'key.baseURL must not contain a fragment');
}

function validateProtocol(protocol: unknown): void {
  const param = 'key.protocol';
  if (typeof protocol !== 'object' || protocol === null) {
    throw invalid(param, 'key.protocol must be a protocol adapter object (for example `openai` from @fluxcore/openai)');
  }
  const adapter = protocol as Record<string, unknown>;
  if (typeof adapter.name !== 'string' || adapter.name === '') throw invalid(param, 'key.protocol.name must be a non-empty string');
  const missing = ADAPTER_METHODS.filter((method) => typeof adapter[method] !== 'function');
  if (missing.length > 0) throw invalid(param, `key.protocol is missing adapter methods: ${missing.join(', ')}`);
}

function validateHeaders(headers: unknown): void {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw invalid('key.headers', 'key.headers must be an object of header names to string values');
  }
  for (const [name, value] of Object.entries(headers)) {
    const param = `key.headers.${name}`;
    if (!HEADER_NAME.test(name)) throw invalid('key.headers', 'key.headers has a name that is not a valid HTTP header name');
    if (typeof value !== 'string') throw invalid(param, `key.headers.${name} must be a string`);
    if (CONTROL_CHARACTER.test(value)) throw invalid(param, `key.headers.${name} contains a control character`);
  }
}

function invalid(param: string, message: string): FluxError {
  return new FluxError({ category: 'invalid_request', message, param });
}
