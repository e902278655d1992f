import type { SimulatedErrorKind } from '@fluxcore/adapter-kit';

/**
 * A failure the upstream server injects on demand. `afterFrames` counts stream frames (for a
 * non-streamed answer, any value above 0 means "half of the body").
 */
export type UpstreamFaultSpec =
  /** Destroy the connection as soon as it is accepted (and any kept-alive one a request arrives on). */
  | { type: 'refuse' }
  /** Send the status line and part of the body, then reset the TCP connection. */
  | { type: 'reset'; afterFrames?: number }
  /** Answer with an error status and the provider's error body (429, 500, 503, 529, 401, 400...). */
  | { type: 'http-error'; status: number; kind?: SimulatedErrorKind; message?: string; retryAfter?: string | number; headers?: Record<string, string> }
  /** Wait this long before sending anything (a slow first byte), then answer normally. */
  | { type: 'slow-first-byte'; delayMs: number }
  /**
   * A slow first token: send the headers and the first `afterFrames` stream frames (default 1,
   * the lifecycle frame a stream opens with, such as OpenAI's role-only delta), then hold the
   * rest back for `delayMs`, writing a keep-alive every `keepAliveMs` meanwhile when set (an SSE
   * `: keep-alive` comment, or a blank line in NDJSON and JSON bodies). A non-streamed answer
   * gets its headers at once and its body after the delay.
   */
  | { type: 'slow-first-token'; delayMs: number; afterFrames?: number; keepAliveMs?: number }
  /** Send part of the answer, then go silent with the connection held open. */
  | { type: 'stall'; afterFrames?: number }
  /** Send part of the answer, then end the response cleanly (no terminal event). */
  | { type: 'truncate'; afterFrames?: number }
  /** Answer 200 with a body that is not valid JSON. */
  | { type: 'malformed-json' }
  /** Send some frames, then one whose data is not valid JSON. */
  | { type: 'malformed-stream'; afterFrames?: number }
  /** Answer 200 with a body of this many bytes (padding the decoder ignores or cannot use). */
  | { type: 'oversized'; bytes: number }
  /** Send some frames after a 200, then the provider's in-stream error signal. */
  | { type: 'stream-error'; afterFrames?: number; kind?: SimulatedErrorKind; message?: string };

/** A fault plus how many calls it affects: `times` omitted means every call until cleared. */
export type UpstreamFault = UpstreamFaultSpec & { times?: number };

/** The provider error kind a status stands for, when a fault does not name one. */
export function errorKindForStatus(status: number): SimulatedErrorKind {
  switch (status) {
    case 401:
      return 'authentication';
    case 403:
      return 'permission';
    case 404:
      return 'not_found';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit';
    case 503:
    case 529:
      return 'overloaded';
    default:
      return status >= 500 ? 'server' : 'invalid_request';
  }
}

/** Holds the current fault and spends one use of it per affected call. */
export class FaultSlot {
  private current: UpstreamFault | undefined;
  private remaining = Infinity;

  set(fault: UpstreamFault | undefined): void {
    this.current = fault;
    this.remaining = fault?.times ?? Infinity;
  }

  /** The fault that applies to the next call, spending one use; undefined when none is left. */
  take(): UpstreamFaultSpec | undefined {
    const fault = this.current;
    if (fault === undefined) return undefined;
    this.remaining -= 1;
    if (this.remaining <= 0) this.current = undefined;
    return fault;
  }

  /** True when the current fault is of this type (without spending it). */
  is(type: UpstreamFaultSpec['type']): boolean {
    return this.current?.type === type;
  }
}
