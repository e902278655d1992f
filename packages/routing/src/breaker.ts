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

/** Who reports an outcome: a request admitted in the breaker's {@link CircuitBreaker.generation}. */
export interface Admission {
  /** The breaker generation the request was admitted in. */
  readonly generation: number;
}

/**
 * One endpoint's breaker. Every transition happens inside one synchronous call, so in
 * single-threaded JavaScript no caller can observe or act on a half-made transition: the
 * half-open probe slot is claimed and released atomically.
 *
 * `open` turns into `half_open` lazily, the first time the breaker is consulted after the
 * recovery timeout; the closed path never reads the clock.
 *
 * Outcomes carry the {@link Admission} of their request. The generation changes whenever the
 * breaker opens, closes, hands out a probe or gets its probe slot back, so only the outcome of a
 * request admitted in the current generation changes the state: while half open that can only be
 * the probe in flight; while closed, any request admitted since the last close. A request
 * admitted earlier (before the breaker opened, or a probe whose slot was reclaimed) may end at
 * any time later; its outcome is old news and changes nothing. An outcome without an admission is
 * taken as current, which is right for callers that never overlap requests (the simple
 * `markSuccess()`/`markFail()` without a permit).
 */
export class CircuitBreaker {
  readonly threshold: number;
  readonly recoveryTimeoutMs: number;
  #state: BreakerState = 'closed';
  #generation = 0;
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

  /** The current generation (see the class comment). */
  get generation(): number {
    return this.#generation;
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

  /** True when half-open with its probe in flight: the endpoint may be back the moment the probe succeeds. */
  isProbing(now: number): boolean {
    if (this.#state === 'closed') return false;
    this.#advance(now);
    return this.#state === 'half_open' && this.#probeSince !== FREE;
  }

  /**
   * Admit one request now: `normal` when closed; `probe` when half-open and the probe slot was
   * free (it is claimed, in a new generation); `undefined` otherwise. Read {@link generation}
   * right after to label the admission.
   */
  tryAcquire(now: number): 'normal' | 'probe' | undefined {
    if (this.#state === 'closed') return 'normal';
    this.#advance(now);
    if (this.#state !== 'half_open' || this.#probeSince !== FREE) return undefined;
    this.#probeSince = now;
    this.#generation += 1;
    return 'probe';
  }

  /** When a request may go next (`now` when it may go now). */
  availableAt(now: number): number {
    if (this.#state === 'closed') return now;
    this.#advance(now);
    if (this.#state === 'open') return this.#openedAt + this.recoveryTimeoutMs;
    return this.#probeSince === FREE ? now : this.#probeSince + this.recoveryTimeoutMs;
  }

  /** A request succeeded: the endpoint is healthy. Closes the breaker unless `from` is stale. */
  recordSuccess(from?: Admission): void {
    if (!this.#isCurrent(from)) return;
    this.#failures = 0;
    if (this.#state !== 'closed') this.#close();
  }

  /**
   * A counted failure. Opens the breaker when the threshold is reached, when a half-open probe
   * failed, or at once when `immediate` (a rejected key). An already open breaker keeps its
   * window: late failures do not postpone recovery. A stale `from` changes nothing.
   */
  recordFailure(now: number, immediate: boolean, from?: Admission): void {
    if (!this.#isCurrent(from)) return;
    this.#failures += 1;
    this.#advance(now);
    if (this.#state === 'open') return;
    if (this.#state === 'half_open' || immediate || this.#failures >= this.threshold) this.#open(now);
  }

  /**
   * An attempt ended without evidence either way (a caller error, a cancel): the probe's holder
   * gives its slot back. Any other request's inconclusive end changes nothing.
   */
  recordInconclusive(from?: Admission): void {
    if (this.#probeSince !== FREE && this.#isCurrent(from)) this.#releaseProbe();
  }

  /** True when an outcome may change the state: no admission (reported without a permit) or a current one. */
  #isCurrent(from: Admission | undefined): boolean {
    return from === undefined || from.generation === this.#generation;
  }

  #open(now: number): void {
    this.#state = 'open';
    this.#openedAt = now;
    this.#probeSince = FREE;
    this.#generation += 1;
  }

  #close(): void {
    this.#state = 'closed';
    this.#probeSince = FREE;
    this.#generation += 1;
  }

  #releaseProbe(): void {
    this.#probeSince = FREE;
    this.#generation += 1;
  }

  #advance(now: number): void {
    if (this.#state === 'open') {
      if (now >= this.#openedAt + this.recoveryTimeoutMs) this.#state = 'half_open';
    } else if (this.#state === 'half_open' && this.#probeSince !== FREE && now >= this.#probeSince + this.recoveryTimeoutMs) {
      this.#releaseProbe();
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
