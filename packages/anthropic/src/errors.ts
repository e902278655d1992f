import { classifyHttp, FluxError, type ErrorCategory } from '@fluxcore/errors';
import { isObject, ownValue, tryParseJson, type FormattedError, type HeaderReader, type JsonObject } from '@fluxcore/message';

/** Anthropic's error `type` for each category. */
const ERROR_TYPE: Readonly<Record<ErrorCategory, string>> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  request_too_large: 'request_too_large',
  rate_limit: 'rate_limit_error',
  overloaded: 'overloaded_error',
  server: 'api_error',
  timeout: 'timeout_error',
  network: 'api_error',
  canceled: 'api_error',
  no_endpoint: 'overloaded_error',
  upstream_protocol: 'api_error',
};

/** Anthropic answers an overload with its own 529; every other category keeps the error's status. */
const OVERLOADED_STATUS = 529;

/** The category an Anthropic error `type` names, when it names one precisely. */
const CATEGORY_OF_TYPE: Readonly<Record<string, ErrorCategory>> = {
  invalid_request_error: 'invalid_request',
  authentication_error: 'authentication',
  permission_error: 'permission',
  billing_error: 'permission',
  not_found_error: 'not_found',
  request_too_large: 'request_too_large',
  rate_limit_error: 'rate_limit',
  api_error: 'server',
  timeout_error: 'timeout',
  overloaded_error: 'overloaded',
};

function categoryOfType(type: string | undefined): ErrorCategory | undefined {
  return type === undefined ? undefined : ownValue(CATEGORY_OF_TYPE, type);
}

/**
 * Render any FluxError as Anthropic's error body. `overloaded` answers 529 like Anthropic;
 * every other category keeps the error's status. `retry-after` carries the retry hint.
 */
export function formatError(error: FluxError): FormattedError {
  const headers = error.retryAfterMs === undefined ? undefined : { 'retry-after': String(Math.ceil(error.retryAfterMs / 1000)) };
  return {
    status: error.category === 'overloaded' ? OVERLOADED_STATUS : error.status,
    body: errorBody(error),
    ...(headers === undefined ? {} : { headers }),
  };
}

/** `{type:"error", error:{type, message}}`: the body of an error answer and of an `error` event. */
export function errorBody(error: FluxError): JsonObject {
  return { type: 'error', error: { type: ERROR_TYPE[error.category], message: error.message } };
}

/**
 * Read an upstream error answer. The status decides (via classifyHttp), and Anthropic's own
 * `error.type` refines it where it is more precise (an `overloaded_error` under a 500, a
 * `rate_limit_error` under an unusual status).
 */
export function parseError(status: number, body: string, headers: HeaderReader): FluxError {
  const wire = readWireError(tryParseJson(body));
  const classified = classifyHttp(status, body, headers, { message: wire.message, providerCode: wire.type });
  const precise = categoryOfType(wire.type);
  if (precise === undefined || precise === classified.category || wire.type === 'invalid_request_error' || wire.type === 'api_error') return classified;
  return new FluxError({ ...classified.toOptions(), category: precise, status: undefined, retryable: undefined, countsAsFailure: undefined });
}

/** An `error` event inside a 200 stream: classified by its type alone. */
export function streamError(data: unknown): FluxError {
  const wire = readWireError(data);
  const category = categoryOfType(wire.type) ?? 'server';
  return new FluxError({
    category,
    message: wire.message ?? `anthropic stream error${wire.type === undefined ? '' : ` (${wire.type})`}`,
    ...(wire.type === undefined ? {} : { providerCode: wire.type }),
  });
}

function readWireError(value: unknown): { type?: string; message?: string } {
  const error = isObject(value) && isObject(value.error) ? value.error : undefined;
  return {
    ...(typeof error?.type === 'string' ? { type: error.type } : {}),
    ...(typeof error?.message === 'string' && error.message !== '' ? { message: error.message } : {}),
  };
}
