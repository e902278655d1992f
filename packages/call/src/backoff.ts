/** First retry's ceiling, doubling per attempt. */
export const BACKOFF_BASE_MS = 100;
/** Ceiling of any single backoff. */
export const BACKOFF_CAP_MS = 5_000;

/**
 * "Full jitter" backoff before re-trying an endpoint already tried: a uniform delay in
 * [0, min(cap, base * 2^(attempt-1))). `attempt` counts attempts made so far (1 = one failed).
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  if (attempt <= 0) return 0;
  const exponent = Math.min(attempt - 1, 30);
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
