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
 * - before re-trying, wait for an endpoint not tried yet that comes back soon (an open breaker
 *   about to admit its probe, a Retry-After cooldown ending, another call's probe in flight);
 * - when none is available at all, wait likewise for the earliest to come back;
 * - waits for endpoints fit the call's remaining time and, in total, `maxRetryWaitMs`;
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
  /** Time spent waiting for an endpoint to come back, over the whole call. */
  private waitedMs = 0;
  /** Since the last attempt or sleep, a wait found an endpoint available now and looked again at once. */
  private lookedAgain = false;

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
      for (;;) {
        const fresh = this.pool.acquire(this.demand, this.tried);
        if (fresh !== undefined) return fresh;
        // An endpoint not tried yet that is about to come back beats re-trying one that just failed.
        if (this.tried.size > 0 && (await this.waitForAnEndpoint(this.tried))) continue;
        const again = this.pool.acquire(this.demand);
        if (again !== undefined) {
          // Every usable endpoint was tried: a new round starts with the best one, after a backoff
          // (time already spent waiting for an endpoint counts toward it).
          this.tried.clear();
          await this.sleepHolding(again, Math.max(0, backoffDelay(this.records.length) - this.sleptMs));
          return again;
        }
        if (!(await this.waitForAnEndpoint())) break;
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
    this.lookedAgain = false;
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
   * Wait a while for an endpoint not in `exclude` to come back; false, without waiting, when none
   * can within the waiting budget: `maxRetryWaitMs` over the whole call, and the call's remaining
   * time. An endpoint whose half-open probe is out may be back the moment the probe succeeds, so
   * the wait for it goes in short steps, each followed by another try.
   */
  private async waitForAnEndpoint(exclude?: ReadonlySet<Endpoint>): Promise<boolean> {
    const at = this.pool.nextAvailableAt(exclude);
    if (at === undefined) return false;
    const budget = Math.min(this.maxRetryWaitMs - this.waitedMs, this.scope.remainingMs());
    const wait = Math.max(0, at - Date.now());
    const probing = this.pool.endpoints.some((endpoint) => exclude?.has(endpoint) !== true && endpoint.isProbing());
    if (budget <= 0 || (!probing && wait > budget)) return false;
    if (wait === 0 && !probing) {
      // Available now: it came back since the last try (one more try, at once), or a custom
      // strategy declined it (then waiting changes nothing).
      if (this.lookedAgain) return false;
      this.lookedAgain = true;
      return true;
    }
    const step = Math.min(budget, probing ? Math.min(wait, PROBE_POLL_MS) || PROBE_POLL_MS : wait);
    const since = performance.now();
    try {
      await this.sleep(step);
    } finally {
      this.waitedMs += performance.now() - since;
    }
    this.lookedAgain = false;
    return true;
  }
}

/** How often a call waiting on another call's half-open probe looks again. */
const PROBE_POLL_MS = 25;

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}

function noEndpoint(): FluxError {
  return new FluxError({ category: 'no_endpoint', message: 'no endpoint is available: every one is open, cooling down, or the pool is empty' });
}
