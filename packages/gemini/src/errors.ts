import { classifyHttp, FluxError, type ErrorCategory, type HeaderLike } from '@fluxcore/errors';
import { isObject, tryParseJson, upstreamProtocol, type FormattedError, type HeaderMap, type HeaderReader, type JsonObject } from '@fluxcore/message';

/** A Gemini answer we cannot read: `upstream_protocol`, its message naming the Gemini response. */
export const invalidUpstream = upstreamProtocol('Gemini response');

/** google.rpc status name for each category (the HTTP status comes from the error itself). */
const STATUS_NAME: Readonly<Record<ErrorCategory, string>> = {
  invalid_request: 'INVALID_ARGUMENT',
  authentication: 'UNAUTHENTICATED',
  permission: 'PERMISSION_DENIED',
  not_found: 'NOT_FOUND',
  request_too_large: 'INVALID_ARGUMENT',
  rate_limit: 'RESOURCE_EXHAUSTED',
  overloaded: 'UNAVAILABLE',
  server: 'INTERNAL',
  timeout: 'DEADLINE_EXCEEDED',
  network: 'UNAVAILABLE',
  canceled: 'CANCELLED',
  no_endpoint: 'UNAVAILABLE',
  upstream_protocol: 'INTERNAL',
};

/** The google.rpc.Status body Gemini clients expect: `{error: {code, message, status, details?}}`. */
export function geminiErrorBody(error: FluxError): JsonObject {
  const body: JsonObject = { code: error.status, message: error.message, status: STATUS_NAME[error.category] };
  const details: JsonObject[] = [];
  if (error.param !== undefined) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field: error.param, description: error.message }] });
  }
  if (error.retryAfterMs !== undefined) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${Math.ceil(error.retryAfterMs / 1000)}s` });
  }
  if (details.length > 0) body.details = details;
  return { error: body };
}

/** Render any FluxError as Gemini's error answer, with `retry-after` when we know a delay. */
export function formatGeminiError(error: FluxError): FormattedError {
  const formatted: FormattedError = { status: error.status, body: geminiErrorBody(error) };
  if (error.retryAfterMs !== undefined) formatted.headers = { 'retry-after': String(Math.ceil(error.retryAfterMs / 1000)) } satisfies HeaderMap;
  return formatted;
}

/** Read an upstream error answer (status >= 400). Non-JSON bodies (HTML from a proxy) are classified by status. */
export function parseGeminiError(status: number, body: string, headers: HeaderReader): FluxError {
  const parsed = tryParseJson(body);
  if (parsed === undefined) return classifyHttp(status, body, headers as HeaderLike);
  // The non-SSE stream endpoint wraps everything, errors included, in an array.
  const object = Array.isArray(parsed) ? parsed[0] : parsed;
  return isObject(object) && isObject(object.error) ? geminiErrorFromBody(object, status, headers) : classifyHttp(status, body, headers as HeaderLike);
}

/**
 * Classify a google.rpc.Status body. The in-band form (an `error` chunk inside a stream, or in
 * a 200 body) has no HTTP status of its own: its `code` is used instead. Gemini's own status
 * names refine the HTTP classification: `UNAVAILABLE` is overload, a 400 `API_KEY_INVALID` is a
 * bad key, `FAILED_PRECONDITION` (region, billing) means this key cannot serve the request.
 */
export function geminiErrorFromBody(body: JsonObject, httpStatus: number, headers?: HeaderReader): FluxError {
  const error = isObject(body.error) ? body.error : {};
  const code = typeof error.code === 'number' && error.code >= 400 && error.code < 600 ? error.code : undefined;
  const status = httpStatus >= 400 ? httpStatus : (code ?? 500);
  const message = typeof error.message === 'string' && error.message !== '' ? error.message : `Gemini error (HTTP ${status})`;
  const providerCode = typeof error.status === 'string' ? error.status : undefined;
  const base = classifyHttp(status, bodyText(body), headers as HeaderLike | undefined, { message, providerCode });
  const category = refineCategory(base.category, providerCode, error);
  const retryAfterMs = base.retryAfterMs ?? retryDelayOf(error);
  if (category === base.category && retryAfterMs === base.retryAfterMs) return base;
  return new FluxError({ category, message: base.message, upstreamStatus: status, retryAfterMs, providerCode });
}

/** The body as text for classification; a body nested too deeply to serialise is classified without it. */
function bodyText(body: JsonObject): string | undefined {
  try {
    return JSON.stringify(body);
  } catch {
    return undefined;
  }
}

function refineCategory(category: ErrorCategory, providerCode: string | undefined, error: JsonObject): ErrorCategory {
  if (hasReason(error, 'API_KEY_INVALID')) return 'authentication';
  switch (providerCode) {
    case 'UNAVAILABLE':
      return 'overloaded';
    case 'UNAUTHENTICATED':
      return 'authentication';
    case 'PERMISSION_DENIED':
    case 'FAILED_PRECONDITION':
      return 'permission';
    case 'RESOURCE_EXHAUSTED':
      return 'rate_limit';
    case 'DEADLINE_EXCEEDED':
      return 'timeout';
    default:
      return category;
  }
}

function hasReason(error: JsonObject, reason: string): boolean {
  return Array.isArray(error.details) && error.details.some((detail) => isObject(detail) && detail.reason === reason);
}

/** `RetryInfo.retryDelay` ("34.4s") in milliseconds: Gemini sends no `retry-after` header. */
function retryDelayOf(error: JsonObject): number | undefined {
  if (!Array.isArray(error.details)) return undefined;
  for (const detail of error.details) {
    if (!isObject(detail) || typeof detail.retryDelay !== 'string') continue;
    const match = /^(\d+(?:\.\d+)?)s$/.exec(detail.retryDelay);
    if (match !== null) return Math.round(Number(match[1]) * 1000);
  }
  return undefined;
}
