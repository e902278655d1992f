import { classifyHttp, FluxError, type ErrorCategory } from '@fluxcore/errors';
import { isObject, type FormattedError, type HeaderMap, type HeaderReader, type JsonObject, type JsonValue } from '@fluxcore/message';

/** OpenAI's error `type` and default `code` for each category (the SDK picks its class by status). */
const ERROR_TYPES: Readonly<Record<ErrorCategory, [type: string, code: string | null]>> = {
  invalid_request: ['invalid_request_error', null],
  authentication: ['invalid_request_error', 'invalid_api_key'],
  permission: ['permission_error', null],
  not_found: ['invalid_request_error', 'not_found'],
  request_too_large: ['invalid_request_error', 'request_too_large'],
  rate_limit: ['rate_limit_error', 'rate_limit_exceeded'],
  overloaded: ['server_error', 'overloaded'],
  server: ['server_error', null],
  timeout: ['timeout_error', 'timeout'],
  network: ['server_error', 'upstream_unreachable'],
  canceled: ['request_canceled', 'canceled'],
  no_endpoint: ['server_error', 'no_endpoint_available'],
  upstream_protocol: ['server_error', 'upstream_protocol_error'],
};

/** The `{error:{message,type,param,code}}` object OpenAI sends, for a FluxError. */
export function errorObject(error: FluxError): { message: string; type: string; param: string | null; code: string | null } {
  const [type, code] = ERROR_TYPES[error.category];
  return { message: error.message, type, param: error.param ?? null, code: error.providerCode ?? code };
}

/** Render a FluxError as OpenAI's error body, with `retry-after` when we know how long to wait. */
export function formatError(error: FluxError): FormattedError {
  const headers: HeaderMap = {};
  if (error.retryAfterMs !== undefined) {
    headers['retry-after'] = String(Math.ceil(error.retryAfterMs / 1000));
    headers['retry-after-ms'] = String(Math.round(error.retryAfterMs));
  }
  const formatted: FormattedError = { status: error.status, body: { error: errorObject(error) } };
  if (Object.keys(headers).length > 0) formatted.headers = headers;
  return formatted;
}

/** Read an upstream error answer into a classified FluxError, keeping OpenAI's `param`. */
export function parseError(status: number, body: string, headers: HeaderReader): FluxError {
  const error = readErrorBody(body);
  const classified = classifyHttp(status, body, headers, error);
  if (error.param === undefined || classified.category !== 'invalid_request') return classified;
  return new FluxError({ ...classified.toOptions(), param: error.param });
}

function readErrorBody(body: string): { message?: string; providerCode?: string; param?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  if (!isObject(parsed)) return {};
  const error = isObject(parsed.error) ? parsed.error : parsed;
  const out: { message?: string; providerCode?: string; param?: string } = {};
  // An empty message says nothing: classifyHttp then describes the status and body instead.
  const message = nonEmpty(error.message) ?? nonEmpty(parsed.error);
  if (message !== undefined) out.message = message;
  const code = textOf(error.code) ?? textOf(error.type);
  if (code !== undefined) out.providerCode = code;
  if (typeof error.param === 'string' && error.param !== '') out.param = error.param;
  return out;
}

function nonEmpty(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function textOf(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Error `type`/`code` values and the status they stand for, for errors sent without one (in a stream). */
const IN_BAND_STATUS: ReadonlyArray<[RegExp, number]> = [
  [/insufficient_quota/, 429],
  [/rate_limit|^tokens$|^requests$/, 429],
  [/overloaded|unavailable/, 503],
  [/invalid_api_key|authentication/, 401],
  [/permission/, 403],
  [/not_found/, 404],
  [/context_length|invalid_request/, 400],
];

/**
 * An error the upstream sent inside a 200 (`data: {"error":{...}}` in a stream, or an `error`
 * body): classified like an HTTP error of the status its type implies (default 500), without
 * claiming an upstream status it never sent.
 */
export function inBandError(raw: JsonValue): FluxError {
  const error = isObject(raw) ? raw : { message: typeof raw === 'string' ? raw : 'upstream reported an error' };
  const code = textOf(error.code) ?? textOf(error.type) ?? '';
  const statusField = typeof error.status === 'number' ? error.status : typeof error.code === 'number' ? error.code : undefined;
  const status =
    statusField !== undefined && statusField >= 400 && statusField <= 599
      ? statusField
      : (IN_BAND_STATUS.find(([pattern]) => pattern.test(code.toLowerCase()))?.[1] ?? 500);
  const message = typeof error.message === 'string' && error.message !== '' ? error.message : `upstream stream error ${code}`.trim();
  const classified = classifyHttp(status, errorJson(error), undefined, { message, providerCode: code || undefined });
  const { upstreamStatus: _ignored, ...options } = classified.toOptions();
  return new FluxError({ ...options, ...(statusField === undefined ? {} : { upstreamStatus: statusField }) });
}

/**
 * The error as a body classifyHttp can search for more signals (detail reasons, retry delay).
 * An error nested deeper than JSON.stringify can write (near 5,000 levels) is classified
 * without them rather than escaping as a RangeError.
 */
function errorJson(error: JsonObject): string | undefined {
  try {
    return JSON.stringify({ error });
  } catch (cause) {
    if (cause instanceof RangeError) return undefined;
    throw cause;
  }
}
