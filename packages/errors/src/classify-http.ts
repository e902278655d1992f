import { FluxError } from './flux-error.js';
import { parseRetryAfter, type HeaderLike } from './retry-after.js';

/** What an adapter extracted from a provider's error body. */
export interface HttpErrorDetails {
  /** The provider's own message. */
  message?: string;
  /** The provider's error type or code. */
  providerCode?: string;
}

/** Classify an upstream HTTP error answer. (Provisional; refined with full tables.) */
export function classifyHttp(status: number, body?: string, headers?: HeaderLike, details: HttpErrorDetails = {}): FluxError {
  const retryAfterMs = headers === undefined ? undefined : parseRetryAfter(headers);
  const category =
    status === 401 ? 'authentication'
    : status === 403 ? 'permission'
    : status === 404 ? 'not_found'
    : status === 413 ? 'request_too_large'
    : status === 429 ? 'rate_limit'
    : status === 408 ? 'timeout'
    : status === 529 ? 'overloaded'
    : status >= 500 ? 'server'
    : 'invalid_request';
  return new FluxError({
    category,
    message: details.message ?? `upstream answered HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`,
    upstreamStatus: status,
    retryAfterMs,
    providerCode: details.providerCode,
  });
}
