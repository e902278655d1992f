import type { ErrorCategory } from './category.js';
import { FluxError } from './flux-error.js';
import { clampRetryAfter, parseRetryAfter, type HeaderLike } from './retry-after.js';

/** What an adapter extracted from a provider's error body. */
export interface HttpErrorDetails {
  /** The provider's own message. */
  message?: string | undefined;
  /** The provider's error type or code (`overloaded_error`, `insufficient_quota`, `UNAVAILABLE`). */
  providerCode?: string | undefined;
}

/** Bodies longer than this are not parsed as JSON, only searched for signals. */
const MAX_PARSED_BODY = 256 * 1024;
/** How much of an unstructured (HTML, plain text) body goes into the message. */
const MAX_BODY_SNIPPET = 300;

/** The category for each status before the body is read. Anything else: see {@link byStatus}. */
const STATUS_CATEGORY: Readonly<Record<number, ErrorCategory>> = {
  400: 'invalid_request',
  401: 'authentication',
  402: 'permission',
  403: 'permission',
  404: 'not_found',
  408: 'timeout',
  409: 'server',
  413: 'request_too_large',
  422: 'invalid_request',
  429: 'rate_limit',
  498: 'authentication',
  500: 'server',
  502: 'server',
  503: 'overloaded',
  504: 'timeout',
  529: 'overloaded',
};

/**
 * Classify an upstream HTTP error answer into a {@link FluxError}.
 *
 * The status gives the category; the provider's code and message refine it:
 * - 409 is `server` but does not count against the breaker: chat APIs hold no resource a caller
 *   could conflict on, so it is the provider's transient lock conflict (both the OpenAI and the
 *   Anthropic SDKs retry it), not a caller error and not a sign of an unhealthy endpoint.
 * - 429 `insufficient_quota` (OpenAI) and 402 (Anthropic `billing_error`) are `permission`:
 *   the key has no credit, waiting will not help, so the breaker opens at once and the request
 *   fails over; the caller still sees the upstream status (429, 402).
 * - Any 5xx whose code or message says "overloaded" (Anthropic `overloaded_error`, Gemini 503
 *   `UNAVAILABLE`, OpenAI "engine is overloaded") is `overloaded`; 5xx `timeout_error` and
 *   `DEADLINE_EXCEEDED` are `timeout`.
 * - Gemini's 400 `API_KEY_INVALID` is `authentication`; its 400 `FAILED_PRECONDITION` (billing
 *   or region) is `permission`.
 * - Statuses outside 400–599 (a redirect, an unexpected 2xx) are `upstream_protocol`.
 *
 * `retryAfterMs` comes from the `retry-after-ms`/`retry-after` headers, else from Gemini's
 * `RetryInfo.retryDelay` in the body. Messages are redacted of secrets by FluxError.
 */
export function classifyHttp(status: number, body?: string, headers?: HeaderLike, details: HttpErrorDetails = {}): FluxError {
  const fromBody = readErrorBody(body);
  const providerCode = details.providerCode ?? fromBody.code;
  const message = details.message ?? fromBody.message;
  const signals = [details.providerCode, fromBody.code, fromBody.type, fromBody.reason, message].filter(Boolean).join(' ').toLowerCase();
  const category = refine(byStatus(status), status, signals);
  return new FluxError({
    category,
    message: message ?? `upstream answered HTTP ${status}${snippet(body)}`,
    upstreamStatus: status,
    ...statusOverride(category, status),
    ...(status === 409 ? { countsAsFailure: false } : {}),
    retryAfterMs: (headers === undefined ? undefined : parseRetryAfter(headers)) ?? retryDelayFromBody(body),
    providerCode,
  });
}

function byStatus(status: number): ErrorCategory {
  const known = STATUS_CATEGORY[status];
  if (known !== undefined) return known;
  if (status >= 500 && status <= 599) return 'server';
  if (status >= 400 && status <= 499) return 'invalid_request';
  return 'upstream_protocol';
}

function refine(category: ErrorCategory, status: number, signals: string): ErrorCategory {
  if (signals.includes('insufficient_quota')) return 'permission';
  if (status === 400 && /api_key_invalid|api key not valid/.test(signals)) return 'authentication';
  if (status === 400 && signals.includes('failed_precondition')) return 'permission';
  if (status >= 500 && /overloaded|unavailable/.test(signals)) return 'overloaded';
  if (status >= 500 && /timeout_error|deadline_exceeded/.test(signals)) return 'timeout';
  return category;
}

/** The caller sees the upstream status when our category's default would hide a useful one. */
function statusOverride(category: ErrorCategory, status: number): { status?: number } {
  return category === 'permission' && (status === 402 || status === 429) ? { status } : {};
}

interface ErrorBody {
  message?: string;
  code?: string;
  type?: string;
  reason?: string;
}

/**
 * Pull message and code out of the error shapes providers use: OpenAI
 * `{error:{message,type,code}}`, Anthropic `{type:"error",error:{type,message}}`, Gemini
 * `{error:{code,message,status,details}}`, Cohere `{message}`. Unreadable bodies give nothing.
 */
function readErrorBody(body: string | undefined): ErrorBody {
  if (body === undefined || body.length > MAX_PARSED_BODY || !/^\s*[{[]/.test(body)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  const root = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!isRecord(root)) return {};
  const error = isRecord(root.error) ? root.error : root;
  const code = stringField(error, 'code') ?? stringField(error, 'status') ?? stringField(error, 'type');
  return {
    // Empty strings say nothing: with no message at all, classifyHttp describes the status and body.
    message: stringField(error, 'message') ?? stringField(root, 'error') ?? stringField(root, 'message'),
    ...(code === undefined ? {} : { code }),
    ...optional('type', stringField(error, 'type')),
    ...optional('reason', firstDetailReason(error)),
  };
}

function firstDetailReason(error: Record<string, unknown>): string | undefined {
  if (!Array.isArray(error.details)) return undefined;
  for (const detail of error.details) {
    if (isRecord(detail) && typeof detail.reason === 'string') return detail.reason;
  }
  return undefined;
}

/** Gemini puts its retry hint in the body: `{"@type":"…RetryInfo","retryDelay":"34.4s"}`. */
function retryDelayFromBody(body: string | undefined): number | undefined {
  const match = body === undefined ? null : /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(body);
  return match?.[1] === undefined ? undefined : clampRetryAfter(Number(match[1]) * 1000);
}

function snippet(body: string | undefined): string {
  const text = body?.replace(/\s+/g, ' ').trim();
  if (!text) return '';
  return `: ${text.length > MAX_BODY_SNIPPET ? `${text.slice(0, MAX_BODY_SNIPPET)}…` : text}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(record: Record<string, unknown>, name: string): string | undefined {
  const value = record[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
