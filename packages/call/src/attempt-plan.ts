import { FluxError } from '@fluxcore/errors';
import type { Endpoint, EndpointPool, Permit } from '@fluxcore/routing';
import type { AttemptRecord } from './attempt-record.js';
import { backoffDelay } from './backoff.js';
import { CallError, toFluxError } from './call-error.js';
import type { CallScope } from './scope.js';

/** What selection needs to know about a request to price it. */
export interface Demand {
  inputTokens: number;
  maxOutputTokens?: number;
}

/** One attempt in progress. */
export interface Attempt {
  readonly endpoint: Endpoint;
  /** Reported back with the outcome, so that only the half-open probe settles a recovering breaker. */
  readonly permit: Permit;
  readonly record: AttemptRecord;
  readonly startedAt: number;
}

/**
 * The attempts of one call and the rules between them:
 * - at most `1 + pool.retries` attempts;
 * - each on the best endpoint not tried yet while one exists, at once;
 * - once all were tried, a new round in the same order, each re-try after a full-jitter backoff;
 * - when none is available (open breakers, Retry-After cooldowns), wait for the earliest to
 *   come back only if that fits the call's remaining time and `maxRetryWaitMs`;
 * - a failure counts against its endpoint only when its category says so; a Retry-After cools
 *   the endpoint down (so the next attempt moves elsewhere at once); a non-retryable error
 *   ends the call at once.
 */
export class AttemptPlan {
  readonly records: AttemptRecord[] = [];
  private readonly tried = new Set<Endpoint>();
  private lastError: FluxError | undefined;
  /** Time slept since the last attempt began, recorded on the next one. */
  private sleptMs = 0;

  constructor(
    private readonly pool: EndpointPool,
    private readonly demand: Demand,
    private readonly scope: CallScope,
    private readonly maxRetryWaitMs: number,
  ) {}

  /** The permit for the next attempt. Throws the final {@link CallError} when there is none. */
  async next(): Promise<Permit> {
    if (this.scope.reason !== undefined) throw this.finalError(this.scope.reason);
    if (this.records.length >= 1 + this.pool.retries) throw this.finalError();
    try {
      const fresh = this.pool.acquire(this.demand, this.tried);
      if (fresh !== undefined) return fresh;
      const again = this.pool.acquire(this.demand);
      if (again !== undefined) {
        // Every usable endpoint was tried: a new round starts with the best one, after a backoff.
        this.tried.clear();
        await this.sleepHolding(again, backoffDelay(this.records.length));
        return again;
      }
      let waited = await this.waitForAnEndpoint(false);
      while (waited) {
        const revived = this.pool.acquire(this.demand);
        if (revived !== undefined) return revived;
        // Another call claimed it first (the one half-open probe): wait for its next turn.
        waited = await this.waitForAnEndpoint(true);
      }
    } catch (error) {
      // A custom strategy may throw anything: it ends the call as an internal error, kept as the cause.
      throw this.finalError(this.scope.reason ?? toFluxError(error));
    }
    throw this.finalError();
  }

  /** Record the start of an attempt on the permit's endpoint. */
  begin(permit: Permit): Attempt {
    const { endpoint } = permit;
    const record: AttemptRecord = { endpointId: endpoint.id, protocol: endpoint.key.protocol.name, durationMs: 0 };
    if (this.sleptMs > 0) record.waitMs = this.sleptMs;
    this.sleptMs = 0;
    this.records.push(record);
    return { endpoint, permit, record, startedAt: performance.now() };
  }

  /** The upstream's response headers arrived. */
  answered(attempt: Attempt, status: number): void {
    attempt.record.status = status;
    attempt.record.firstByteMs = elapsed(attempt.startedAt);
  }

  /** The attempt succeeded: its endpoint is healthy and its latency feeds the smoothed value. */
  succeed(attempt: Attempt): void {
    attempt.record.durationMs = elapsed(attempt.startedAt);
    attempt.endpoint.markSuccess(attempt.record.firstByteMs ?? attempt.record.durationMs, attempt.permit);
  }

  /**
   * The attempt failed. Applies the error's consequences to the endpoint, then returns when
   * another attempt may follow, or throws the final {@link CallError} when the error ends the call.
   */
  fail(attempt: Attempt, error: FluxError): void {
    this.record(attempt, error);
    if (!error.retryable) throw this.finalError();
  }

  /** Record a failed attempt and apply its consequences to the endpoint, deciding nothing more. */
  record(attempt: Attempt, error: FluxError): void {
    const { endpoint, record } = attempt;
    const attributed = error.endpointId === undefined ? error.withEndpoint(endpoint.id) : error;
    record.durationMs = elapsed(attempt.startedAt);
    record.category = error.category;
    if (error.upstreamStatus !== undefined) record.status = error.upstreamStatus;
    // markFail counts only errors whose category says so (others only give back this attempt's
    // half-open probe slot), opens at once on a rejected key, and applies a Retry-After cooldown.
    // The permit makes the late outcome of an attempt sent before the breaker opened change nothing.
    endpoint.markFail(attributed, attempt.permit);
    this.tried.add(endpoint);
    this.lastError = attributed;
  }

  /** The error the call ends with, carrying the attempts so far. */
  finalError(error: FluxError | undefined = this.lastError): CallError {
    if (error instanceof CallError) return error;
    return new CallError(error ?? noEndpoint(), this.records);
  }

  /** Sleep (backoff, cooldown), counting the time for the next attempt's record. */
  private async sleep(ms: number): Promise<void> {
    const since = performance.now();
    try {
      await this.scope.sleep(ms);
    } finally {
      this.sleptMs += performance.now() - since;
    }
  }

  /**
   * Back off before using an endpoint already selected. If the call is aborted meanwhile, the
   * permit is given back (a claimed half-open probe slot must not stay claimed).
   */
  private async sleepHolding(permit: Permit, ms: number): Promise<void> {
    try {
      await this.sleep(ms);
    } catch (error) {
      permit.endpoint.markFail(error, permit);
      throw error;
    }
  }

  /**
   * Sleep until the earliest endpoint is available again, when that fits; false otherwise. On a
   * repeated wait, an endpoint that is available now but was not selected ends the waiting.
   */
  private async waitForAnEndpoint(again: boolean): Promise<boolean> {
    const at = this.pool.nextAvailableAt();
    if (at === undefined) return false;
    const wait = Math.max(0, at - Date.now());
    if (wait > this.maxRetryWaitMs || wait >= this.scope.remainingMs() || (again && wait === 0)) return false;
    await this.sleep(wait);
    return true;
  }
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}

function noEndpoint(): FluxError {
  return new FluxError({ category: 'no_endpoint', message: 'no endpoint is available: every one is open, cooling down, or the pool is empty' });
}
