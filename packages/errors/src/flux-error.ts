import { CATEGORY_POLICY, type ErrorCategory } from './category.js';
import { redactSecrets } from './redact.js';

/** Options for {@link FluxError}. Only `category` and `message` are required. */
export interface FluxErrorOptions {
  /** What went wrong. Determines the defaults of every other field. */
  category: ErrorCategory;
  /** Human-readable message. Secrets that look like API keys are redacted. */
  message: string;
  /** HTTP status to answer the caller with. Defaults from the category. */
  status?: number;
  /** The status the upstream provider answered with, when there was one. */
  upstreamStatus?: number;
  /** Whether another attempt may succeed. Defaults from the category. */
  retryable?: boolean;
  /** Whether this counts against the endpoint's circuit breaker. Defaults from the category. */
  countsAsFailure?: boolean;
  /** How long the provider asked us to wait before retrying, in milliseconds. */
  retryAfterMs?: number;
  /** The endpoint this error came from, when it came from one. */
  endpointId?: string | number;
  /**
   * The request field at fault (`messages[2].content`), for invalid_request errors. Redacted like
   * the message: it may echo a provider's body, and it is sent to clients.
   */
  param?: string;
  /**
   * The provider's own error type or code (`rate_limit_error`, `RESOURCE_EXHAUSTED`). Redacted
   * like the message, for the same reason.
   */
  providerCode?: string;
  /** The underlying error. Its messages are redacted the same way. */
  cause?: unknown;
}

const BRAND = Symbol.for('fluxcore.FluxError');

/**
 * The one error type fluxcore throws. `category` says what happened; `status`, `retryable`
 * and `countsAsFailure` say what to do about it. Every adapter can render any FluxError in its
 * own wire protocol.
 */
export class FluxError extends Error {
  /** `FluxError`, or the subclass's own name (`CallError`). */
  override readonly name: string = 'FluxError';
  /** What went wrong, in provider-neutral terms (`rate_limit`, `timeout`, `invalid_request`...). */
  readonly category: ErrorCategory;
  /** The HTTP status to answer the caller with (from the category unless set). */
  readonly status: number;
  /** The status the upstream provider answered with; absent when no upstream answered. */
  declare readonly upstreamStatus?: number;
  /** Whether another attempt, on this endpoint or another, may succeed. */
  readonly retryable: boolean;
  /** Whether this error counts against the endpoint's circuit breaker (upstream health signals only). */
  readonly countsAsFailure: boolean;
  /** How long the provider asked us to wait before retrying, in milliseconds (from Retry-After). */
  declare readonly retryAfterMs?: number;
  /** The endpoint the error came from; absent when it came from none. */
  declare readonly endpointId?: string | number;
  /** The request field at fault (`messages[2].content`), for `invalid_request` errors. */
  declare readonly param?: string;
  /** The provider's own error type or code (`rate_limit_error`, `RESOURCE_EXHAUSTED`). */
  declare readonly providerCode?: string;

  constructor(options: FluxErrorOptions) {
    const policy = CATEGORY_POLICY[options.category];
    super(redactSecrets(options.message), options.cause === undefined ? undefined : { cause: sanitizeCause(options.cause) });
    this.category = options.category;
    this.status = options.status ?? policy.status;
    this.retryable = options.retryable ?? policy.retryable;
    this.countsAsFailure = options.countsAsFailure ?? policy.countsAsFailure;
    if (options.upstreamStatus !== undefined) this.upstreamStatus = options.upstreamStatus;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.endpointId !== undefined) this.endpointId = options.endpointId;
    // Both can echo the provider's body (a `type` or `param` quoting the key), and adapters send them to clients.
    if (options.param !== undefined) this.param = redactSecrets(options.param);
    if (options.providerCode !== undefined) this.providerCode = redactSecrets(options.providerCode);
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** A copy of this error attributed to an endpoint (errors are immutable once thrown). */
  withEndpoint(endpointId: string | number): FluxError {
    return new FluxError({ ...this.toOptions(), endpointId });
  }

  /** The options that would recreate this error. */
  toOptions(): FluxErrorOptions {
    const { category, message, status, upstreamStatus, retryable, countsAsFailure, retryAfterMs, endpointId, param, providerCode } = this;
    return { category, message, status, upstreamStatus, retryable, countsAsFailure, retryAfterMs, endpointId, param, providerCode, cause: this.cause };
  }
}

/**
 * True for a FluxError from any copy of this package (ESM and CommonJS builds loaded side by
 * side each have their own class, so `instanceof` alone is not enough).
 */
export function isFluxError(value: unknown): value is FluxError {
  return typeof value === 'object' && value !== null && (value instanceof FluxError || BRAND in value);
}

/** Longest cause chain we walk; deeper links are kept but not redacted. */
const MAX_CAUSE_DEPTH = 16;

/**
 * Causes are kept for debugging, but every Error in the chain (its `cause`s and an
 * AggregateError's `errors`) has its message and stack redacted like our own messages, and a
 * string cause is redacted. An error that cannot be changed (frozen) is replaced by a plain
 * Error carrying its redacted message, name and code.
 */
function sanitizeCause(cause: unknown, depth = 0): unknown {
  if (typeof cause === 'string') return redactSecrets(cause);
  if (!(cause instanceof Error) || depth >= MAX_CAUSE_DEPTH) return cause;
  const message = redactSecrets(cause.message);
  const stack = cause.stack === undefined ? undefined : redactSecrets(cause.stack);
  const inner = cause.cause === undefined ? undefined : sanitizeCause(cause.cause, depth + 1);
  const members = cause instanceof AggregateError ? cause.errors.map((member) => sanitizeCause(member, depth + 1)) : undefined;
  try {
    if (message !== cause.message) setOwn(cause, 'message', message);
    if (stack !== cause.stack) setOwn(cause, 'stack', stack);
    if (inner !== cause.cause) setOwn(cause, 'cause', inner);
    if (members !== undefined) setOwn(cause, 'errors', members);
    return cause;
  } catch {
    return replacement(cause, message, stack, inner);
  }
}

function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

function replacement(original: Error, message: string, stack: string | undefined, cause: unknown): Error {
  const copy = new Error(message, cause === undefined ? undefined : { cause });
  copy.name = original.name;
  copy.stack = stack ?? '';
  const code = (original as { code?: unknown }).code;
  if (code !== undefined) setOwn(copy, 'code', code);
  return copy;
}
