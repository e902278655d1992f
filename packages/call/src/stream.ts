import { FluxError, isFluxError } from '@fluxcore/errors';
import { isContentEvent, type PassthroughOutput, type ProtocolAdapter, type Usage } from '@fluxcore/message';
import type { Endpoint, EndpointPool } from '@fluxcore/routing';
import type { Attempt } from './attempt-plan.js';
import type { AttemptRecord } from './attempt-record.js';
import { chunksOf, tooLarge, type BodyStream } from './body.js';
import { openUpstream, type CallContext } from './exchange.js';
import type { CallOptions } from './options.js';
import type { PoolClient } from './pool-client.js';
import type { RawBody } from './prepare.js';
import type { AttemptScope, CallScope } from './scope.js';
import { startCall } from './start-call.js';
import { translatorFor, type StreamTranslator } from './stream-translator.js';
import { StreamUsage } from './stream-usage.js';
import { buildUsage } from './usage.js';

/**
 * A streamed answer: iterate it (once) for ready-to-write wire text in the caller's protocol.
 * A failure after content has reached the caller ends the iteration with the protocol's own
 * error signal. A failure before the first chunk was yielded (failover ran out, or the total
 * deadline passed, after an upstream had answered 2xx) makes the iteration throw the
 * {@link CallError} instead: a server that writes its status line only once it holds the first
 * chunk can still answer with a clean HTTP error (`formatError`). Cancellation (the caller's
 * signal, `cancel()`, or leaving the loop early) aborts the upstream request at once and makes
 * the iteration throw a `canceled` CallError.
 */
export interface StreamResult extends AsyncIterable<string> {
  /** Usage of the call, known when the stream ends. Always resolves, never rejects. */
  readonly usage: Promise<Usage>;
  /** The endpoint serving the stream. It may still change by failover until the first chunk is yielded. */
  readonly endpoint: Endpoint;
  /** Every attempt so far, in order (a live view). */
  readonly attempts: readonly AttemptRecord[];
  /** Content type of the wire text, in the caller's protocol (`text/event-stream`, ...). */
  readonly contentType: string;
  /** Stop the stream and abort the upstream request. Safe to call at any time, more than once. */
  cancel(): void;
}

/**
 * Send a streamed request through the pool. Resolves once an upstream answered with a success
 * status (so a server can still answer with a clean HTTP error when every attempt fails before
 * that: the promise then rejects with a {@link CallError}). Until the first content event the
 * stream may still fail over to another endpoint, invisibly to the caller: lifecycle frames are
 * held back until then. When the endpoint speaks the caller's protocol and its adapter offers a
 * passthrough, the upstream's frames are forwarded verbatim; otherwise they are converted.
 * Given a {@link PoolClient}, the call runs under its settings and on its connections; given a
 * bare pool, on the pool's default client (default settings unless `configurePool` set others).
 */
export async function requestStream(
  via: EndpointPool | PoolClient,
  rawBody: RawBody,
  inboundAdapter: ProtocolAdapter,
  options: CallOptions = {},
): Promise<StreamResult> {
  const { context, scope } = startCall(via, rawBody, inboundAdapter, true, options);
  try {
    return new LiveStream(context, scope, await openNextStream(context, scope));
  } catch (error) {
    scope.dispose();
    throw error;
  }
}

/** An attempt whose upstream answered 2xx, with its stream still to read. */
interface OpenStream {
  readonly attempt: Attempt;
  readonly scope: AttemptScope;
  readonly body: BodyStream;
  readonly translator: StreamTranslator;
  bytes: number;
  /** True once the attempt's outcome is recorded. */
  settled: boolean;
}

/** Attempt after attempt until an upstream answers 2xx; throws the final CallError otherwise. */
async function openNextStream(context: CallContext, scope: CallScope): Promise<OpenStream> {
  for (;;) {
    const attempt = context.plan.begin(await context.plan.next());
    const attemptScope = scope.attempt(attempt.record);
    try {
      const response = await openUpstream(context, attempt, attemptScope, true);
      const translator = translatorFor(context.inbound, attempt.endpoint.key.protocol, { request: context.prepared.request });
      return { attempt, scope: attemptScope, body: response.body, translator, bytes: 0, settled: false };
    } catch (error) {
      const failure = attemptScope.explain(error);
      attemptScope.close();
      context.plan.fail(attempt, failure);
    }
  }
}

class LiveStream implements StreamResult {
  readonly usage: Promise<Usage>;
  readonly contentType: string;
  private resolveUsage!: (usage: Usage) => void;
  private readonly counts = new StreamUsage();
  /** Wire text of the current attempt's lifecycle frames, held back until its first content event. */
  private held = '';
  private committed = false;
  private firstTokenMs: number | undefined;
  private started = false;
  private finished = false;
  private readonly onAbort = (): void => this.finish(this.scope.reason);

  constructor(
    private readonly context: CallContext,
    private readonly scope: CallScope,
    private current: OpenStream,
  ) {
    this.usage = new Promise((resolve) => (this.resolveUsage = resolve));
    this.contentType = context.inbound.streamContentType;
    scope.signal.addEventListener('abort', this.onAbort, { once: true });
  }

  get endpoint(): Endpoint {
    return this.current.attempt.endpoint;
  }

  get attempts(): readonly AttemptRecord[] {
    return this.context.plan.records;
  }

  cancel(): void {
    this.scope.cancel();
  }

  [Symbol.asyncIterator](): AsyncIterator<string> {
    if (this.started) throw new FluxError({ category: 'invalid_request', message: 'a stream can be iterated only once' });
    this.started = true;
    return this.run();
  }

  private async *run(): AsyncGenerator<string, void, undefined> {
    try {
      for (;;) {
        const open = this.current;
        let failure: FluxError;
        try {
          for await (const chunk of chunksOf(open.body, open.scope, this.context.timeouts.idleMs)) {
            const text = this.take(open, chunk);
            if (text !== '') yield text;
          }
          // Read to its end: closing the attempt has no request left to abort.
          open.scope.finished();
          const text = this.consume(open.translator.end()) + this.flushHeld();
          if (text !== '') yield text;
          this.finish();
          return;
        } catch (error) {
          failure = open.scope.explain(error);
        }
        if (open.translator.finished && failure.category !== 'canceled') {
          // The answer was complete: a stall or a break after the upstream's finish loses nothing.
          const text = this.flushHeld();
          if (text !== '') yield text;
          this.finish();
          return;
        }
        if (this.committed || this.finished) {
          yield* this.end(failure);
          return;
        }
        try {
          open.settled = true;
          open.scope.close();
          this.context.plan.fail(open.attempt, failure);
          this.held = '';
          this.counts.reset();
          this.current = await openNextStream(this.context, this.scope);
        } catch (final) {
          yield* this.end(isFluxError(final) ? final : failure);
          return;
        }
      }
    } finally {
      if (!this.finished) this.finish(this.scope.reason ?? new FluxError({ category: 'canceled', message: 'the consumer stopped reading the stream' }));
    }
  }

  /**
   * End a failed stream: after content reached the caller, with the protocol's error signal
   * closing the committed attempt's output; a cancel, or a failure before anything was yielded,
   * throws the CallError (the caller can still answer with a clean HTTP error).
   */
  private async *end(failure: FluxError): AsyncGenerator<string, void, undefined> {
    this.finish(failure);
    if (failure.category === 'canceled' || !this.committed) throw this.context.plan.finalError(failure);
    yield this.current.translator.fail(failure);
  }

  /** Translate one chunk of the current attempt under the response cap; returns wire text to write. */
  private take(open: OpenStream, chunk: Uint8Array): string {
    open.bytes += chunk.byteLength;
    if (open.bytes > this.context.maxResponseBytes) {
      open.body.destroy();
      throw tooLarge(this.context.maxResponseBytes);
    }
    return this.consume(open.translator.push(chunk));
  }

  /**
   * Track usage, and hold the wire text back until the attempt's first content event reaches
   * the caller as text (an encoder may keep content, such as a Gemini tool call, until it is whole).
   */
  private consume(output: PassthroughOutput): string {
    for (const event of output.events) this.counts.observe(event);
    if (!this.committed) {
      const content = output.events.some(isContentEvent);
      // The first token meets the deadline even when the caller's encoder still holds it back.
      if (content) this.current.scope.contentArrived();
      if (output.wire === '' || !content) {
        this.held += output.wire;
        return '';
      }
    }
    return this.flushHeld() + output.wire;
  }

  /** Commit to the current attempt: release what was held back. */
  private flushHeld(): string {
    if (!this.committed) {
      this.committed = true;
      this.firstTokenMs = this.scope.elapsedMs();
    }
    const text = this.held;
    this.held = '';
    return text;
  }

  /**
   * The stream is over (once): record the current attempt's outcome (success when no error),
   * release the connection and the timers, and resolve the usage.
   */
  private finish(error?: FluxError): void {
    if (this.finished) return;
    this.finished = true;
    const open = this.current;
    if (!open.settled) {
      open.settled = true;
      if (error === undefined) this.context.plan.succeed(open.attempt);
      else this.context.plan.record(open.attempt, error);
    }
    open.scope.close();
    this.scope.signal.removeEventListener('abort', this.onAbort);
    this.scope.dispose();
    const timing = { latencyMs: this.scope.elapsedMs(), ...(this.firstTokenMs === undefined ? {} : { firstTokenMs: this.firstTokenMs }) };
    const estimate = { inputTokens: this.context.prepared.demand.inputTokens, outputText: () => this.counts.outputText() };
    this.resolveUsage(buildUsage(this.counts.reported, estimate, timing, open.attempt.endpoint));
  }
}
