/**
 * What went wrong, independent of which provider or protocol reported it. Routing decisions
 * (retry, fail over, count against the breaker) and the HTTP status returned to the caller
 * are derived from the category.
 */
export type ErrorCategory =
  /** The caller's request is malformed or semantically invalid (400, 422, other 4xx). */
  | 'invalid_request'
  /** The API key was rejected (401). The endpoint's key is bad: its breaker opens at once. */
  | 'authentication'
  /**
   * The key cannot serve this request: no permission (403), no credit (402, 429
   * `insufficient_quota`). Treated like a bad key.
   */
  | 'permission'
  /** The model or route does not exist (404). */
  | 'not_found'
  /** The request body or prompt is too large (413). */
  | 'request_too_large'
  /** The provider rate-limited this key (429). */
  | 'rate_limit'
  /** The provider is temporarily overloaded (Anthropic 529, "overloaded" bodies). */
  | 'overloaded'
  /** The provider failed (5xx; 409 conflicts too, which do not count against the breaker). */
  | 'server'
  /** A connect, first-byte, idle or total deadline passed (408, 504, our own timers). */
  | 'timeout'
  /** The connection failed: refused, reset, DNS, TLS, socket closed. */
  | 'network'
  /** The caller aborted the request. Never retried, never counted against an endpoint. */
  | 'canceled'
  /** No endpoint could take the request (all open, cooling down, or the pool is empty). */
  | 'no_endpoint'
  /** The upstream answered with something unreadable: bad JSON, broken SSE, wrong shape. */
  | 'upstream_protocol';

/** How a category behaves: the status we answer with and how routing treats it. */
export interface CategoryPolicy {
  /** HTTP status to answer the caller with. */
  readonly status: number;
  /** Another attempt (on this or another endpoint) may succeed. */
  readonly retryable: boolean;
  /** Counts against the endpoint's circuit breaker. */
  readonly countsAsFailure: boolean;
}

/**
 * One row per category. Caller mistakes (invalid_request, not_found, request_too_large,
 * canceled) are never retried and never blamed on an endpoint; upstream health signals are.
 */
export const CATEGORY_POLICY: Readonly<Record<ErrorCategory, CategoryPolicy>> = {
  invalid_request: { status: 400, retryable: false, countsAsFailure: false },
  authentication: { status: 401, retryable: true, countsAsFailure: true },
  permission: { status: 403, retryable: true, countsAsFailure: true },
  not_found: { status: 404, retryable: false, countsAsFailure: false },
  request_too_large: { status: 413, retryable: false, countsAsFailure: false },
  rate_limit: { status: 429, retryable: true, countsAsFailure: true },
  overloaded: { status: 503, retryable: true, countsAsFailure: true },
  server: { status: 502, retryable: true, countsAsFailure: true },
  timeout: { status: 504, retryable: true, countsAsFailure: true },
  network: { status: 502, retryable: true, countsAsFailure: true },
  canceled: { status: 499, retryable: false, countsAsFailure: false },
  no_endpoint: { status: 503, retryable: false, countsAsFailure: false },
  upstream_protocol: { status: 502, retryable: true, countsAsFailure: true },
};

/** Every category, in a stable order (useful for tables, metrics and exhaustive tests). */
export const ERROR_CATEGORIES = Object.keys(CATEGORY_POLICY) as readonly ErrorCategory[];
