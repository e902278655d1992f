import type { AttemptRecord } from '@fluxcore/call';

/**
 * Measures the time a request spends in fluxcore: its wall time minus every wait on someone else,
 * that is the client (sending its body, reading a stream slower than it arrives), the upstreams
 * (each attempt's `upstreamMs`) and the sleeps between attempts (`waitMs`: backoff, Retry-After).
 * What is left is routing, parsing, converting and writing.
 */
export class OverheadClock {
  private clientMs = 0;

  /** @param startedAt `performance.now()` when the request arrived. */
  constructor(private readonly startedAt: number) {}

  /** Wait on the client: the time is not overhead. */
  async client<T>(pending: Promise<T>): Promise<T> {
    const since = performance.now();
    try {
      return await pending;
    } finally {
      this.clientMs += performance.now() - since;
    }
  }

  /** The overhead so far, given the call's attempts (a live view while a stream runs). */
  overheadMs(attempts: readonly AttemptRecord[]): number {
    let waits = this.clientMs;
    for (const attempt of attempts) waits += (attempt.upstreamMs ?? 0) + (attempt.waitMs ?? 0);
    return Math.max(0, performance.now() - this.startedAt - waits);
  }
}
