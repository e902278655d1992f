import type { ErrorCategory } from './category.js';
import { FluxError, isFluxError } from './flux-error.js';

/** Context for {@link classifyNetworkError}. */
export interface NetworkErrorContext {
  /**
   * The caller's own AbortSignal. When it is aborted, the failure is the caller's
   * cancellation; when it is given and not aborted, an abort must have come from one of our
   * own deadlines, so it is a timeout.
   */
  callerSignal?: AbortSignal | undefined;
}

interface CodeRow {
  readonly category: ErrorCategory;
  readonly description: string;
}

/** Node and undici error codes, by what they mean for routing. */
const CODE_TABLE: Readonly<Record<string, CodeRow>> = {
  ENOTFOUND: { category: 'network', description: 'DNS lookup failed' },
  EAI_AGAIN: { category: 'network', description: 'DNS lookup failed temporarily' },
  EAI_NONAME: { category: 'network', description: 'DNS lookup failed' },
  ECONNREFUSED: { category: 'network', description: 'connection refused' },
  ECONNRESET: { category: 'network', description: 'connection reset' },
  ECONNABORTED: { category: 'network', description: 'connection aborted' },
  EPIPE: { category: 'network', description: 'connection closed while sending' },
  EHOSTUNREACH: { category: 'network', description: 'host unreachable' },
  ENETUNREACH: { category: 'network', description: 'network unreachable' },
  UND_ERR_SOCKET: { category: 'network', description: 'socket closed' },
  UND_ERR_CLOSED: { category: 'network', description: 'connection closed' },
  ETIMEDOUT: { category: 'timeout', description: 'connection timed out' },
  ESOCKETTIMEDOUT: { category: 'timeout', description: 'socket timed out' },
  UND_ERR_CONNECT_TIMEOUT: { category: 'timeout', description: 'connect timed out' },
  UND_ERR_HEADERS_TIMEOUT: { category: 'timeout', description: 'no response headers in time' },
  UND_ERR_BODY_TIMEOUT: { category: 'timeout', description: 'response body stalled' },
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: { category: 'upstream_protocol', description: 'response shorter or longer than its content-length' },
  UND_ERR_RES_EXCEEDED_MAX_SIZE: { category: 'upstream_protocol', description: 'response too large' },
};

/** Codes of TLS failures (`CERT_HAS_EXPIRED`, `ERR_TLS_CERT_ALTNAME_INVALID`, `ERR_SSL_…`). */
const TLS_CODE = /^(?:ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_)/;
/** llhttp parser errors: the upstream sent something that is not HTTP. */
const PARSER_CODE = /^HPE_/;
const ABORT_NAMES = new Set(['AbortError', 'RequestAbortedError']);

/**
 * Classify an error thrown while talking to an upstream (connecting, sending, reading) into a
 * {@link FluxError}. The whole `cause` chain (and `AggregateError.errors`) is searched, so a
 * `fetch failed` TypeError wrapping an `ECONNREFUSED` is a refused connection.
 *
 * - DNS, refused, reset, broken pipe, unreachable, socket closed, TLS: `network`.
 * - `ETIMEDOUT` and undici's connect/headers/body timeouts, a `TimeoutError`
 *   (`AbortSignal.timeout`): `timeout`.
 * - Aborts: `canceled` when the caller's signal is aborted (even by the caller's own deadline:
 *   that is the caller's choice, not an endpoint failure); `timeout` when a caller signal is
 *   given and not aborted (the abort came from one of our deadlines); `canceled` when no
 *   context tells which.
 * - HTTP parser errors and content-length mismatches: `upstream_protocol`.
 * - A FluxError is returned unchanged; anything unrecognised is `network`.
 */
export function classifyNetworkError(err: unknown, context: NetworkErrorContext = {}): FluxError {
  if (isFluxError(err)) return err;
  const chain = causeChain(err);
  const { category, description } = classifyChain(chain, context.callerSignal);
  const detail = chain.map(describe).find((text) => text !== '');
  return new FluxError({
    category,
    message: detail === undefined || detail === description ? description : `${description}: ${detail}`,
    cause: err,
  });
}

function classifyChain(chain: readonly unknown[], callerSignal: AbortSignal | undefined): CodeRow {
  if (callerSignal?.aborted === true) return { category: 'canceled', description: 'request canceled by the caller' };
  for (const link of chain) {
    const code = codeOf(link);
    const row = code === undefined ? undefined : codeRow(code);
    if (row !== undefined) return row;
  }
  if (chain.some((link) => nameOf(link) === 'TimeoutError')) return { category: 'timeout', description: 'request timed out' };
  if (chain.some(isAbort)) {
    return callerSignal === undefined
      ? { category: 'canceled', description: 'request aborted' }
      : { category: 'timeout', description: 'request aborted by a deadline' };
  }
  return { category: 'network', description: 'request to upstream failed' };
}

function codeRow(code: string): CodeRow | undefined {
  const known = CODE_TABLE[code];
  if (known !== undefined) return known;
  if (TLS_CODE.test(code)) return { category: 'network', description: 'TLS handshake failed' };
  if (PARSER_CODE.test(code)) return { category: 'upstream_protocol', description: 'upstream sent invalid HTTP' };
  return undefined;
}

function isAbort(link: unknown): boolean {
  const name = nameOf(link);
  return (name !== undefined && ABORT_NAMES.has(name)) || codeOf(link) === 'UND_ERR_ABORTED' || codeOf(link) === 'ABORT_ERR';
}

/** The error, its causes, and the members of any AggregateError, breadth first, at most 16. */
function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  const queue: unknown[] = [err];
  while (queue.length > 0 && chain.length < 16) {
    const link = queue.shift();
    if (link === undefined || link === null || chain.includes(link)) continue;
    chain.push(link);
    if (typeof link !== 'object') continue;
    const { cause, errors } = link as { cause?: unknown; errors?: unknown };
    queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return chain;
}

function codeOf(link: unknown): string | undefined {
  const code = typeof link === 'object' && link !== null ? (link as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function nameOf(link: unknown): string | undefined {
  const name = typeof link === 'object' && link !== null ? (link as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : undefined;
}

/** The most specific text about one link: its message, else its code. */
function describe(link: unknown): string {
  if (typeof link === 'string') return link;
  if (!(link instanceof Error) && !(typeof link === 'object' && link !== null)) return '';
  const message = (link as { message?: unknown }).message;
  if (typeof message === 'string' && message !== '' && message !== 'fetch failed') return message;
  return codeOf(link) ?? '';
}
