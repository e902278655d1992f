import type { ErrorCategory } from '@fluxcore/errors';

/**
 * One attempt of a call, for the decision record every result and error carries: which
 * endpoint was tried, what it answered, and how long it took. No API keys, no bodies.
 */
export interface AttemptRecord {
  /** The endpoint's id. */
  endpointId: string | number;
  /** The endpoint's wire protocol (its adapter's name). */
  protocol: string;
  /** The upstream's HTTP status, when an answer arrived. */
  status?: number;
  /** What went wrong, when the attempt failed. */
  category?: ErrorCategory;
  /** Wall time of the attempt in milliseconds (for a stream, until it ended). */
  durationMs: number;
  /** Time until the upstream's response headers arrived, in milliseconds. */
  firstByteMs?: number;
  /**
   * Time spent waiting on the upstream, in fractional milliseconds: from sending the request until
   * its response headers, plus every wait for the next chunk of the body until it ended. Building
   * the request, converting the answer, backoffs and the consumer's own time are not in it, so a
   * server can tell its own overhead from the upstream's time. Grows while a stream runs.
   */
  upstreamMs?: number;
  /**
   * Time the call slept before this attempt began, in fractional milliseconds: a backoff, or
   * waiting out an endpoint's Retry-After cooldown. Absent when it did not sleep.
   */
  waitMs?: number;
}
