import { FluxError, isFluxError } from '@fluxcore/errors';
import { CircuitBreaker, type BreakerConfig, type BreakerState } from './breaker.js';
import { validateKey, type Key } from './key.js';

/** Options for {@link Endpoint}. Prices are USD per 1M tokens. */
export interface EndpointOptions {
  /** Unique within a pool; the last tie-breaker of selection. */
  readonly id: string | number;
  /** Where and how to reach the provider. */
  readonly key: Key;
  /** Model to use upstream. Unset: the request's own model passes through. */
  readonly model?: string;
  /** USD per 1M input tokens. Default 0. */
  readonly inputPrice?: number;
  /** USD per 1M output tokens. Default 0. */
  readonly outputPrice?: number;
  /** USD per 1M cached input tokens, for cost reporting. Default: `inputPrice`. */
  readonly cachedInputPrice?: number;
  /**
   * USD per 1M input tokens written to the provider's prompt cache, for cost reporting. Default:
   * `inputPrice`. Anthropic charges 1.25x the input price for 5-minute cache writes and 2x for
   * 1-hour ones.
   */
  readonly cacheWritePrice?: number;
  /** For the `priority` strategy: lower is preferred. Default 0. */
  readonly priority?: number;
  /** Circuit-breaker settings (threshold 3, recovery 60 s by default). */
  readonly breaker?: BreakerConfig;
}

/**
 * The right to send one request to an endpoint, handed out by {@link EndpointPool.acquire}.
 * Report the request's outcome with it (`markSuccess(latencyMs, permit)`, `markFail(error,
 * permit)`): then only the half-open probe's outcome settles a recovering breaker, and the late
 * outcome of a request admitted before the breaker last opened or closed leaves the state alone.
 */
export interface Permit {
  /** The endpoint the request may go to. */
  readonly endpoint: Endpoint;
  /** True when the request is the endpoint's single half-open probe. */
  readonly probe: boolean;
  /**
   * The breaker generation the request was admitted in. It changes whenever the breaker opens,
   * closes or hands out a probe; an outcome from an earlier generation changes no state.
   */
  readonly generation: number;
}

/** Weight of a new latency sample in the moving average. */
const EWMA_FACTOR = 0.1;
/** Internal marker for "no latency sample yet". */
const UNMEASURED = -1;

/**
 * One model on one key, with its prices, its circuit breaker, its cool-down (from Retry-After)
 * and its smoothed latency. Construction validates everything and throws a FluxError
 * `invalid_request` naming the field.
 */
export class Endpoint {
  /** Unique within a pool; the last tie-breaker of selection. */
  readonly id: string | number;
  /** Where and how to reach the provider. */
  readonly key: Key;
  /** Model to use upstream; undefined lets the request's own model pass through. */
  readonly model: string | undefined;
  /** USD per 1M input tokens. */
  readonly inputPrice: number;
  /** USD per 1M output tokens. */
  readonly outputPrice: number;
  /** USD per 1M cached input tokens (cache reads), for cost reporting. */
  readonly cachedInputPrice: number;
  /** USD per 1M input tokens written to the prompt cache, for cost reporting. */
  readonly cacheWritePrice: number;
  /** For the `priority` strategy: lower is preferred. */
  readonly priority: number;
  readonly #breaker: CircuitBreaker;
  #coolUntil = 0;
  /** Cache of "breaker closed and no cool-down", refreshed by every method that changes either. */
  #admitsWithoutClock = true;
  #latency = UNMEASURED;
  /** The permit of every request admitted while closed in the current generation (immutable, so shared). */
  #normalPermit: Permit;

  constructor(options: EndpointOptions) {
    if (typeof options !== 'object' || options === null) throw invalid('endpoint', 'endpoint options must be an object');
    this.id = validId(options.id);
    this.key = options.key;
    this.model = optionalModel(options.model);
    this.inputPrice = price(options.inputPrice, 'inputPrice', 0);
    this.outputPrice = price(options.outputPrice, 'outputPrice', 0);
    this.cachedInputPrice = price(options.cachedInputPrice, 'cachedInputPrice', this.inputPrice);
    this.cacheWritePrice = price(options.cacheWritePrice, 'cacheWritePrice', this.inputPrice);
    this.priority = finite(options.priority, 'priority', 0);
    this.#breaker = new CircuitBreaker(options.breaker);
    this.#normalPermit = this.#permit(false);
    this.validate();
  }

  /** Validate the key (see {@link validateKey}); throws FluxError `invalid_request`. */
  validate(): void {
    validateKey(this.key);
  }

  /** The breaker state now: `closed`, `open` or `half_open`. */
  get state(): BreakerState {
    return this.#breaker.state(Date.now());
  }

  /** Smoothed latency in ms (EWMA, factor 0.1, the first sample sets it), or undefined before any sample. */
  get latencyMs(): number | undefined {
    return this.#latency === UNMEASURED ? undefined : this.#latency;
  }

  /** Consecutive counted failures since the last success. */
  get consecutiveFailures(): number {
    return this.#breaker.consecutiveFailures;
  }

  /** The breaker's threshold and recovery timeout after defaults. */
  get breakerConfig(): Required<BreakerConfig> {
    return { threshold: this.#breaker.threshold, recoveryTimeoutMs: this.#breaker.recoveryTimeoutMs };
  }

  /** True when the breaker admits no request now: open, or half-open with its probe in flight. */
  isCircuitBreakerOpen(): boolean {
    return !this.#breaker.isClosed && this.#breaker.isOpen(Date.now());
  }

  /**
   * True while the half-open probe is in flight. Its outcome is due any moment, so a caller with
   * nowhere else to go may wait for it rather than give up: a success closes the breaker.
   */
  isProbing(): boolean {
    return !this.#breaker.isClosed && this.#breaker.isProbing(Date.now());
  }

  /**
   * True when a request may be sent now: breaker admitting and not cooling down. Claims nothing.
   * @internal
   */
  isAvailable(nowMs?: number): boolean {
    if (this.admitsWithoutClock()) return true;
    const now = nowMs ?? Date.now();
    if (this.#coolUntil !== 0) {
      if (now < this.#coolUntil) return false;
      this.#coolUntil = 0;
      this.#refresh();
    }
    return !this.#breaker.isOpen(now);
  }

  /**
   * True when the endpoint admits a request whatever the time (breaker closed, no cool-down), so
   * that selection reads the clock only when some endpoint needs it.
   * @internal
   */
  admitsWithoutClock(): boolean {
    return this.#admitsWithoutClock;
  }

  /**
   * Admit one request now, claiming the half-open probe slot when there is one, or undefined.
   * The pool calls this for the endpoint it selects; the permit's holder reports the outcome.
   * @internal
   */
  tryAcquire(nowMs?: number): Permit | undefined {
    if (this.admitsWithoutClock()) return this.#currentNormalPermit();
    const now = nowMs ?? Date.now();
    if (!this.isAvailable(now)) return undefined;
    const admitted = this.#breaker.tryAcquire(now);
    if (admitted === undefined) return undefined;
    return admitted === 'probe' ? this.#permit(true) : this.#currentNormalPermit();
  }

  /**
   * When this endpoint may take a request next, in epoch ms (`nowMs` when it may now).
   * @internal
   */
  availableAt(nowMs: number = Date.now()): number {
    return Math.max(this.#breaker.availableAt(nowMs), this.#coolUntil, nowMs);
  }

  /**
   * A request succeeded: close the breaker, reset the failures, and feed the latency average.
   * With the request's `permit`, a success from an earlier breaker generation (a request sent
   * before the breaker opened, while its probe is out) only feeds the latency. Without one (a
   * plain `markSuccess(latencyMs)`), the success is taken as current: fine when requests never
   * overlap.
   */
  markSuccess(latencyMs?: number, permit?: Permit): void {
    this.#breaker.recordSuccess(this.#own(permit));
    this.#refresh();
    if (typeof latencyMs === 'number' && Number.isFinite(latencyMs) && latencyMs >= 0) {
      this.#latency = this.#latency === UNMEASURED ? latencyMs : this.#latency + EWMA_FACTOR * (latencyMs - this.#latency);
    }
  }

  /**
   * A request failed. A FluxError with `countsAsFailure: false` (the caller's mistake, a cancel)
   * only gives back the half-open probe slot; `authentication` and `permission` open the breaker
   * at once (the key is bad); anything else counts toward the threshold. A `retryAfterMs` on the
   * error also cools the endpoint down for that long, whenever the request was sent.
   *
   * With the request's `permit`, only a request of the current breaker generation changes the
   * state: a request sent before the breaker opened cannot free the probe's slot or re-open the
   * breaker while the probe is out. Without one (a plain `markFail(error)`), the failure is taken
   * as current (and so is taken to be the probe's): fine when requests never overlap.
   */
  markFail(error?: unknown, permit?: Permit): void {
    const from = this.#own(permit);
    const nowMs = Date.now();
    if (isFluxError(error) && error.retryAfterMs !== undefined) this.coolDown(nowMs + error.retryAfterMs);
    if (isFluxError(error) && !error.countsAsFailure) {
      this.#breaker.recordInconclusive(from);
      return;
    }
    const keyRejected = isFluxError(error) && (error.category === 'authentication' || error.category === 'permission');
    this.#breaker.recordFailure(nowMs, keyRejected, from);
    this.#refresh();
  }

  /**
   * Keep this endpoint out of selection until `untilMs` (epoch ms), as a provider's Retry-After
   * asks, without opening its breaker. A shorter cool-down never cuts a longer one short.
   */
  coolDown(untilMs: number): void {
    if (typeof untilMs !== 'number' || Number.isNaN(untilMs)) throw invalid('untilMs', 'coolDown(untilMs) needs a time in epoch milliseconds');
    if (untilMs > this.#coolUntil) this.#coolUntil = untilMs;
    this.#refresh();
  }

  #permit(probe: boolean): Permit {
    return Object.freeze({ endpoint: this, probe, generation: this.#breaker.generation });
  }

  #currentNormalPermit(): Permit {
    if (this.#normalPermit.generation !== this.#breaker.generation) this.#normalPermit = this.#permit(false);
    return this.#normalPermit;
  }

  /** The permit, checked to be one this endpoint handed out. */
  #own(permit: Permit | undefined): Permit | undefined {
    if (permit === undefined) return undefined;
    if (typeof permit !== 'object' || permit === null || permit.endpoint !== this) {
      throw invalid('permit', `permit must be one that endpoint ${JSON.stringify(this.id)} handed out (from pool.acquire), or undefined`);
    }
    return permit;
  }

  #refresh(): void {
    this.#admitsWithoutClock = this.#coolUntil === 0 && this.#breaker.isClosed;
  }
}

function validId(id: unknown): string | number {
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  if (typeof id === 'string' && id !== '') return id;
  throw invalid('id', 'endpoint id must be a non-empty string or a finite number');
}

function optionalModel(model: unknown): string | undefined {
  if (model === undefined || model === '') return undefined;
  if (typeof model !== 'string') throw invalid('model', 'endpoint model must be a string');
  return model;
}

function price(value: unknown, param: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalid(param, `endpoint ${param} must be a non-negative number (USD per 1M tokens)`);
  }
  return value;
}

function finite(value: unknown, param: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(param, `endpoint ${param} must be a finite number`);
  return value;
}

function invalid(param: string, message: string): FluxError {
  return new FluxError({ category: 'invalid_request', message, param });
}
