import { CATEGORY_POLICY, classifyHttp, FluxError, type ErrorCategory } from '@fluxcore/errors';
import { isObject, tryParseJson, upstreamProtocol, type FieldFailure, type FormattedError, type HeaderReader } from '@fluxcore/message';

/** A Cohere answer (v1 or v2) we cannot read: `upstream_protocol`, the message starting `cohere <path>`. */
export const badUpstream: FieldFailure = upstreamProtocol('cohere');

/**
 * The statuses where Cohere's own answers differ from the category's status: an oversized
 * prompt is a 400 ("too many tokens"), a server failure a 500. Cohere's SDK has a typed error
 * class for 400, 401, 403, 404, 422, 429, 498, 499, 500, 501, 503 and 504; other statuses
 * still raise its base `CohereError`.
 */
const COHERE_STATUS: Partial<Readonly<Record<ErrorCategory, number>>> = { request_too_large: 400, server: 500 };

/** Render any FluxError as Cohere's documented error body `{ message }` with Cohere's status. */
export function formatCohereError(error: FluxError): FormattedError {
  const formatted: FormattedError = { status: COHERE_STATUS[error.category] ?? CATEGORY_POLICY[error.category].status, body: { message: error.message } };
  if (error.retryAfterMs !== undefined) {
    formatted.headers = { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) };
  }
  return formatted;
}

/** Read a Cohere error answer (`{ message }`, extra fields tolerated) into a classified FluxError. */
export function parseCohereError(status: number, body: string, headers: HeaderReader): FluxError {
  const message = messageOf(body);
  const classified = classifyHttp(status, body, headers, message === undefined ? {} : { message });
  const refined = refineCategory(status, message ?? '', classified.category);
  return refined === classified.category ? classified : recategorize(classified, refined);
}

/**
 * Classify an error Cohere reported inside a 200 stream (`message-end.delta.error`, v1
 * `stream-end` with `ERROR`). There is no status, so the message is all we have; anything
 * unrecognised is a provider-side failure.
 */
export function inBandError(message: string, providerCode: string): FluxError {
  return new FluxError({ category: refineCategory(undefined, message, 'server'), message: `cohere: ${message}`, providerCode });
}

/** The answer's `message`; undefined when the body is not JSON (classifyHttp then quotes it) or the message is empty (it says nothing). */
function messageOf(body: string): string | undefined {
  const parsed = tryParseJson(body);
  return isObject(parsed) && typeof parsed.message === 'string' && parsed.message !== '' ? parsed.message : undefined;
}

/** Cohere's own statuses and messages are more precise than the generic table in a few places. */
function refineCategory(status: number | undefined, message: string, fallback: ErrorCategory): ErrorCategory {
  const text = message.toLowerCase();
  if (status === 498) return 'authentication';
  if (status === 499) return 'canceled';
  const clientSide = status === undefined || status === 400 || status === 413 || status === 422;
  if (clientSide && (text.includes('too many tokens') || text.includes('context length') || text.includes('too long'))) {
    return 'request_too_large';
  }
  if ((status === undefined || status >= 500) && (text.includes('overloaded') || text.includes('capacity'))) return 'overloaded';
  if (status === undefined && (text.includes('rate limit') || text.includes('too many requests'))) return 'rate_limit';
  if (status === undefined && (text.includes('timed out') || text.includes('timeout'))) return 'timeout';
  return fallback;
}

function recategorize(error: FluxError, category: ErrorCategory): FluxError {
  const { status: _status, retryable: _retryable, countsAsFailure: _counts, ...rest } = error.toOptions();
  return new FluxError({ ...rest, category });
}
