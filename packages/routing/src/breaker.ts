import { FluxError } from '@fluxcore/errors';

/**
 * Circuit-breaker state. `closed`: traffic flows. `open`: the endpoint is skipped until
 * `recoveryTimeoutMs` has passed. `half_open`: exactly one probe request at a time may go; its
 * success closes the breaker, its failure opens it again.
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

/** Per-endpoint breaker settings. */
export interface BreakerConfig {
  /** Consecutive counted failures that open the breaker. Default 3. */
  readonly threshold?: number;
  /**
   * How long an open breaker stays open before admitting a probe, and how long an unanswered
   * probe holds the half-open slot before it is reclaimed. Default 60 000 ms.
   */
  readonly recoveryTimeoutMs?: number;
}

/** Default {@link BreakerConfig.threshold}. */
export const DEFAULT_BREAKER_THRESHOLD = 3;
/** Default {@link BreakerConfig.recoveryTimeoutMs}. */
export const DEFAULT_RECOVERY_TIMEOUT_MS = 60_000;

/** No probe is in flight. */
const FREE = -1;

/**
 * One endpoint's breaker. Every transition happens inside one synchronous call, so in
 * single-threaded JavaScript no caller can observe or act on a half-made transition: the
 * half-open probe slot is claimed and released atomically.
 *
 * `open` turns into `half_open` lazily, the first time the breaker is consulted after the
 * recovery timeout; the closed path never reads the clock.
 */
export class CircuitBreaker {
  readonly threshold: number;
  readonly recoveryTimeoutMs: number;
  #state: BreakerState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #probeSince = FREE;

  constructor(config: BreakerConfig = {}) {
    this.threshold = positive(config.threshold, DEFAULT_BREAKER_THRESHOLD, 'breaker.threshold', true);
    this.recoveryTimeoutMs = positive(config.recoveryTimeoutMs, DEFAULT_RECOVERY_TIMEOUT_MS, 'breaker.recoveryTimeoutMs', false);
  }

  /** Closed: admits every request. The one check on the hot path; it never reads the clock. */
  get isClosed(): boolean {
    return this.#state === 'closed';
  }

  /** Consecutive counted failures since the last success. */
  get consecutiveFailures(): number {
    return this.#failures;
  }

  /** The current state, after any due transition. */
  state(now: number): BreakerState {
    this.#advance(now);
    return this.#state;
  }

  /** True when a request may not go now: open, or half-open with its probe in flight. */
  isOpen(now: number): boolean {
    if (this.#state === 'closed') return false;
    this.#advance(now);
    return this.#state === 'open' || this.#probeSince !== FREE;
  }

  /** Admit one request now: always when closed; when half-open, claim the probe slot. */
  tryAcquire(now: number): boolean {
    if (this.#state === 'closed') return true;
    this.#advance(now);
    if (this.#state !== 'half_open' || this.#probeSince !== FREE) return false;
    this.#probeSince = now;
    return true;
  }

  /** When a request may go next (`now` when it may go now). */
  availableAt(now: number): number {
    if (this.#state === 'closed') return now;
    this.#advance(now);
    if (this.#state === 'open') return this.#openedAt + this.recoveryTimeoutMs;
    return this.#probeSince === FREE ? now : this.#probeSince + this.recoveryTimeoutMs;
  }

  /** A request succeeded: the endpoint is healthy, whatever the state was. */
  recordSuccess(): void {
    this.#state = 'closed';
    this.#failures = 0;
    this.#probeSince = FREE;
  }

  /**
   * A counted failure. Opens the breaker when the threshold is reached, when a half-open probe
   * failed, or at once when `immediate` (a rejected key). An already open breaker keeps its
   * window: late failures of requests admitted before it opened do not postpone recovery.
   */
  recordFailure(now: number, immediate: boolean): void {
    this.#failures += 1;
    this.#advance(now);
    if (this.#state === 'open') return;
    if (this.#state === 'half_open' || immediate || this.#failures >= this.threshold) this.#open(now);
  }

  /** An attempt ended without evidence either way (a caller error, a cancel): free the probe slot. */
  recordInconclusive(): void {
    this.#probeSince = FREE;
  }

  #open(now: number): void {
    this.#state = 'open';
    this.#openedAt = now;
    this.#probeSince = FREE;
  }

  #advance(now: number): void {
    if (this.#state === 'open') {
      if (now >= this.#openedAt + this.recoveryTimeoutMs) {
        this.#state = 'half_open';
        this.#probeSince = FREE;
      }
    } else if (this.#state === 'half_open' && this.#probeSince !== FREE && now >= this.#probeSince + this.recoveryTimeoutMs) {
      this.#probeSince = FREE;
    }
  }
}

function positive(value: number | undefined, fallback: number, param: string, integer: boolean): number {
  if (value === undefined) return fallback;
  const valid = typeof value === 'number' && Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
  if (!valid) {
    throw new FluxError({ category: 'invalid_request', message: `${param} must be a positive ${integer ? 'integer' : 'number'}`, param });
  }
  return value;
}
