import type { StreamDecoder } from './adapter.js';
import type { StreamEvent } from './stream-event.js';

/** Where a stream decoder gets whole frames from: an {@link SseDecoder} or an {@link NdjsonDecoder}. */
export interface FrameSource<Frame> {
  push(chunk: Uint8Array | string): Frame[];
  end(): Frame[];
}

/**
 * The plumbing every provider stream decoder shares: feed chunks to the framing, hand each
 * whole frame to the protocol's `onFrame`, and let `onEnd` check that the stream finished
 * properly once the framing has flushed. A protocol writes only those two methods.
 *
 * `pushText` is `push` with text: both framings decode text and bytes alike, so the frame
 * passthrough can hand over the text it already decoded.
 */
export abstract class FramedStreamDecoder<Frame> implements StreamDecoder {
  constructor(private readonly frames: FrameSource<Frame>) {}

  /** Reads one whole frame, appending the IR events it completes to `out`. */
  protected abstract onFrame(frame: Frame, out: StreamEvent[]): void;

  /** The upstream closed after the last frame: append the closing events, or throw if the stream was cut short. */
  protected abstract onEnd(out: StreamEvent[]): void;

  push(chunk: Uint8Array | string): StreamEvent[] {
    const out: StreamEvent[] = [];
    for (const frame of this.frames.push(chunk)) this.onFrame(frame, out);
    return out;
  }

  pushText(text: string): StreamEvent[] {
    return this.push(text);
  }

  end(): StreamEvent[] {
    const out: StreamEvent[] = [];
    for (const frame of this.frames.end()) this.onFrame(frame, out);
    this.onEnd(out);
    return out;
  }
}
