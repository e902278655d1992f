import { classifyNetworkError, FluxError, isFluxError } from '@fluxcore/errors';
import { EventEmitter } from 'node:events';
import type { AttemptRecord } from './attempt-record.js';
import type { Timeouts } from './options.js';

/**
 * The lifetime of one call: the caller's AbortSignal and the total deadline. Everything the
 * call does (attempts, waits, the stream) is aborted through it, with a FluxError saying why.
 * Its open attempts are aborted directly; an AbortSignal (costly to create) exists only once
 * someone asks for {@link signal}.
 */
export class CallScope {
  /** `performance.now()` when the call began. */
  readonly startedAt = performance.now();
  private controller: AbortController | undefined;
  private abortReason: FluxError | undefined;
  /** Attempts not closed yet: the call's abort reaches them without an event listener each. */
  private readonly openAttempts = new Set<AttemptScope>();
  private readonly totalTimer: NodeJS.Timeout;
  private readonly onCallerAbort = (): void => this.abort(canceledByCaller(this.callerSignal?.reason));

  constructor(
    readonly callerSignal: AbortSignal | undefined,
    readonly timeouts: Timeouts,
  ) {
    this.totalTimer = setTimeout(() => this.abort(totalTimeout(timeouts.totalMs)), timeouts.totalMs);
    this.totalTimer.unref();
    if (callerSignal?.aborted === true) this.onCallerAbort();
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  /** Aborted when the caller cancels or the total deadline passes; `reason` is the FluxError. */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.abortReason !== undefined) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  /** Why the call was aborted, when it was. */
  get reason(): FluxError | undefined {
    return this.abortReason;
  }

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  remainingMs(): number {
    return this.timeouts.totalMs - this.elapsedMs();
  }

  throwIfAborted(): void {
    const reason = this.reason;
    if (reason !== undefined) throw reason;
  }

  /** Wait `ms`, or reject with the reason as soon as the call is aborted. */
  sleep(ms: number): Promise<void> {
    this.throwIfAborted();
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(this.reason);
      };
      const timer = setTimeout(() => {
        this.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      this.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Cancel the call as its caller would. */
  cancel(): void {
    this.abort(canceledByCaller(undefined));
  }

  /** A scope for one attempt within this call, timing its upstream waits into `record`. */
  attempt(record: AttemptRecord): AttemptScope {
    const attempt = new AttemptScope(this, record);
    if (this.abortReason !== undefined) attempt.abort(this.abortReason);
    else this.openAttempts.add(attempt);
    return attempt;
  }

  /** The attempt is over: the call's abort no longer concerns it. */
  release(attempt: AttemptScope): void {
    this.openAttempts.delete(attempt);
  }

  /** Release the timer and the listener (the call is over). */
  dispose(): void {
    clearTimeout(this.totalTimer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  private abort(reason: FluxError): void {
    if (this.abortReason !== undefined) return;
    this.abortReason = reason;
    for (const attempt of this.openAttempts) attempt.abort(reason);
    this.controller?.abort(reason);
  }
}

/**
 * What the transport listens to for an attempt's abort. undici takes an EventEmitter with
 * `aborted` and `reason` as well as an AbortSignal, and an EventEmitter costs a small fraction
 * of an AbortController to create.
 */
export class AttemptSignal extends EventEmitter {
  aborted = false;
  reason: FluxError | undefined;

  abort(reason: FluxError): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

/**
 * One attempt: aborted with its call, by its first-token deadline, or by its idle timer.
 * `explain` turns whatever the transport threw into the FluxError that says what really happened.
 */
export class AttemptScope {
  /** Aborted with the call, by a deadline, or when the attempt closes unfinished. */
  readonly signal = new AttemptSignal();
  private timer: NodeJS.Timeout | undefined;
  private idleMs = 0;
  /** The consumer has the last chunk: the idle timer may run on, but its expiry means nothing. */
  private idlePaused = false;
  private firstTokenTimer: NodeJS.Timeout | undefined;
  private done = false;

  /** Made by {@link CallScope.attempt}, which aborts it with the call. */
  constructor(
    private readonly call: CallScope,
    private readonly record: AttemptRecord,
  ) {}

  /** Count the time since `since` (a `performance.now()`) as waiting on the upstream. */
  waited(since: number): void {
    this.record.upstreamMs = (this.record.upstreamMs ?? 0) + (performance.now() - since);
  }

  /** Start the idle deadline (replacing a running one): the longest wait for the next chunk. */
  armIdle(ms: number): void {
    this.idlePaused = false;
    if (this.timer !== undefined && this.idleMs === ms) {
      // Restart the same timer, even one that expired while paused, rather than allocate another.
      this.timer.refresh();
      return;
    }
    this.disarm();
    this.idleMs = ms;
    this.timer = setTimeout(() => {
      if (!this.idlePaused) this.abort(idleTimeout(ms));
    }, ms);
  }

  /**
   * Stop counting idle time while the consumer has a chunk (a paused reader is not a silent
   * upstream) until the next {@link armIdle}. Cheaper per chunk than clearing the timer and
   * creating another: a stream does this for every chunk.
   */
  pauseIdle(): void {
    this.idlePaused = true;
  }

  /** Stop the idle deadline. */
  disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Start the first-token deadline, which runs from sending the attempt until
   * {@link contentArrived}. It runs alongside the idle timer, so response headers, lifecycle
   * frames and keep-alive comments do not hold it off.
   */
  armFirstToken(ms: number): void {
    this.firstTokenTimer = setTimeout(() => this.abort(firstTokenTimeout(ms)), ms);
  }

  /** The answer's first content arrived: the first-token deadline is met. */
  contentArrived(): void {
    if (this.firstTokenTimer !== undefined) clearTimeout(this.firstTokenTimer);
    this.firstTokenTimer = undefined;
  }

  /**
   * The upstream answer was read to its end, so {@link close} has no request left to abort: it
   * only stops the timers. This spares every successful attempt building an abort reason (a
   * FluxError with its stack) and running the transport's abort listener.
   */
  finished(): void {
    this.done = true;
  }

  /** End the attempt: abort the upstream request if it is still open and drop the listeners. */
  close(): void {
    if (this.done) {
      this.disarm();
      this.contentArrived();
    } else {
      this.abort(new FluxError({ category: 'canceled', message: 'attempt closed' }));
    }
    this.call.release(this);
  }

  /** The FluxError behind an error thrown during this attempt. */
  explain(err: unknown): FluxError {
    if (this.signal.reason !== undefined) return this.signal.reason;
    return findFluxError(err) ?? classifyNetworkError(err, { callerSignal: this.call.callerSignal });
  }

  /** Abort the attempt: its timers stop and the transport drops the upstream request. */
  abort(reason: FluxError): void {
    this.disarm();
    this.contentArrived();
    this.signal.abort(reason);
  }
}

/** A FluxError anywhere in the cause chain (our egress guard's error arrives wrapped). */
function findFluxError(err: unknown): FluxError | undefined {
  let link: unknown = err;
  for (let depth = 0; depth < 8 && link !== undefined && link !== null; depth++) {
    if (isFluxError(link)) return link;
    link = (link as { cause?: unknown }).cause;
  }
  return undefined;
}

function canceledByCaller(cause: unknown): FluxError {
  return new FluxError({ category: 'canceled', message: 'request canceled by the caller', cause });
}

/** The total deadline ends the whole call: not retried, and not the last endpoint's fault. */
function totalTimeout(ms: number): FluxError {
  return new FluxError({ category: 'timeout', message: `the call exceeded its total timeout of ${ms} ms`, retryable: false, countsAsFailure: false });
}

function idleTimeout(ms: number): FluxError {
  return new FluxError({ category: 'timeout', message: `upstream sent nothing for ${ms} ms (idle timeout)` });
}

/** Retryable and counted: the endpoint did not start answering in time. */
function firstTokenTimeout(ms: number): FluxError {
  return new FluxError({ category: 'timeout', message: `no content from upstream within ${ms} ms (first-byte timeout, time to first token)` });
}
