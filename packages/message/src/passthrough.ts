import { FluxError } from '@fluxcore/errors';
import type { PassthroughOutput, StreamDecoder, StreamPassthrough } from './adapter.js';
import { positiveLimit } from './limit.js';
import type { StreamEvent } from './stream-event.js';

/** How a protocol delimits its stream frames. */
export type StreamFraming = 'sse' | 'ndjson';

/** Options for {@link createFramePassthrough}. */
export interface FramePassthroughOptions {
  /** `sse`: a frame is one event, up to and including its blank line. `ndjson`: one line with its LF. */
  framing: StreamFraming;
  /** A fresh decoder of the protocol, fed every frame in order. */
  decoder: StreamDecoder;
  /**
   * Whether the client gets this frame (default: every frame). `frame` is its verbatim text,
   * `events` what it decoded to; those events are reported whatever the answer.
   */
  keep?(frame: string, events: readonly StreamEvent[]): boolean;
  /**
   * Most bytes one unfinished frame may buffer before the passthrough gives up with a FluxError
   * `upstream_protocol`. Default 32 MiB, as the decoders.
   */
  maxFrameBytes?: number;
}

const LF = 10;
const CR = 13;
const NO_BYTES = new Uint8Array(0);
const DEFAULT_MAX_FRAME_BYTES = 32 * 1024 * 1024;

/**
 * A {@link StreamPassthrough} for any SSE or NDJSON protocol: splits the upstream bytes into
 * whole frames (whatever the chunking, CR, LF or CRLF line ends, multi-byte characters split
 * across chunks), feeds each frame to the protocol's decoder for its IR events, and hands back
 * the frames' own text. A frame left unfinished when the upstream closes is given its
 * terminator, so the client never sees half a frame. Throws a FluxError `invalid_request` for a
 * bad option.
 */
export function createFramePassthrough(options: FramePassthroughOptions): StreamPassthrough {
  return new FramePassthrough(options);
}

class FramePassthrough implements StreamPassthrough {
  private readonly splitter: FrameSplitter;
  /** Decodes the wire text; strips one leading BOM, as the protocol decoders do. */
  private readonly utf8 = new TextDecoder();
  /**
   * The decoder reported the answer complete (its `finish` event). Whatever the upstream sends
   * after that (a stray frame, an error event, a malformed line) is not part of the answer: it
   * is neither decoded nor forwarded, so a complete answer cannot turn into a failed one.
   */
  private complete = false;

  constructor(private readonly options: FramePassthroughOptions) {
    const pending = new PendingBytes(positiveLimit(options.maxFrameBytes, DEFAULT_MAX_FRAME_BYTES, 'maxFrameBytes'));
    this.splitter = options.framing === 'sse' ? new SseFrameSplitter(pending) : new NdjsonFrameSplitter(pending);
  }

  push(chunk: Uint8Array): PassthroughOutput {
    const output: PassthroughOutput = { wire: '', events: [] };
    if (this.complete) return output;
    for (const frame of this.splitter.push(chunk)) {
      if (this.complete) break;
      const text = this.utf8.decode(frame, { stream: true });
      this.forward(text, this.decode(frame, text), output);
    }
    return output;
  }

  end(): PassthroughOutput {
    const output: PassthroughOutput = { wire: '', events: [] };
    if (this.complete) return output;
    const tail = this.splitter.end();
    const text = this.utf8.decode(tail);
    const events = tail.byteLength > 0 ? this.decode(tail, text) : [];
    events.push(...this.options.decoder.end());
    if (text === '') output.events = events;
    else this.forward(text, events, output, this.terminator(text));
    return output;
  }

  /** The frame's events, from its text when the decoder takes text (the bytes are decoded once). */
  private decode(frame: Uint8Array, text: string): StreamEvent[] {
    const { decoder } = this.options;
    return decoder.pushText === undefined ? decoder.push(frame) : decoder.pushText(text);
  }

  private forward(text: string, events: StreamEvent[], output: PassthroughOutput, terminator = ''): void {
    output.events.push(...events);
    for (const event of events) if (event.type === 'finish') this.complete = true;
    if (this.options.keep === undefined || this.options.keep(text, events)) output.wire += text + terminator;
  }

  /** What completes a frame the upstream left unfinished. */
  private terminator(text: string): string {
    if (this.options.framing === 'ndjson') return text.endsWith('\n') ? '' : '\n';
    if (this.splitter.endedOnFrame) return '';
    // A line end then "\n" is a blank line, whether that line end was LF, CR or CRLF.
    return text.endsWith('\n') ? '\n' : '\n\n';
  }
}

/** Cuts a byte stream into whole frames, buffering the unfinished one. */
interface FrameSplitter {
  /** The frames this chunk completed, as byte ranges. */
  push(chunk: Uint8Array): Uint8Array[];
  /** The bytes of the unfinished frame. */
  end(): Uint8Array;
  /** True when the bytes given by `end()` already form a whole frame. */
  readonly endedOnFrame: boolean;
}

/** Collects the bytes of the frame being read, copying them once when the frame completes. */
class PendingBytes {
  private parts: Uint8Array[] = [];
  private length = 0;

  constructor(private readonly maxBytes: number) {}

  /** Keep bytes of the unfinished frame. Throws `upstream_protocol` past the limit. */
  add(part: Uint8Array): void {
    if (part.byteLength === 0) return;
    this.parts.push(part);
    this.length += part.byteLength;
    if (this.length <= this.maxBytes) return;
    throw new FluxError({ category: 'upstream_protocol', message: `stream frame exceeds ${this.maxBytes} bytes without ending (maxFrameBytes)` });
  }

  /** The pending bytes followed by `last`, and start a new frame. */
  take(last: Uint8Array = NO_BYTES): Uint8Array {
    if (last.byteLength > 0) this.parts.push(last);
    const parts = this.parts;
    this.parts = [];
    this.length = 0;
    if (parts.length <= 1) return parts[0] ?? NO_BYTES;
    return concat(parts);
  }
}

/** One frame per line: everything up to and including each LF. */
class NdjsonFrameSplitter implements FrameSplitter {
  readonly endedOnFrame = false;

  constructor(private readonly pending: PendingBytes) {}

  push(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    let start = 0;
    for (let lf = chunk.indexOf(LF); lf !== -1; lf = chunk.indexOf(LF, start)) {
      frames.push(this.pending.take(chunk.subarray(start, lf + 1)));
      start = lf + 1;
    }
    this.pending.add(chunk.subarray(start));
    return frames;
  }

  end(): Uint8Array {
    return this.pending.take();
  }
}

/**
 * One frame per SSE event: everything up to and including the blank line that dispatches it,
 * with the WHATWG line ends (LF, CRLF, CR). A blank line ending in CR waits for the next byte,
 * since a following LF belongs to it.
 */
class SseFrameSplitter implements FrameSplitter {
  /** The current line has a character other than its line end. */
  private lineHasContent = false;
  /** The previous chunk ended with a CR ending a line: a LF at the start of this one continues it. */
  private afterCR = false;
  /** The previous chunk ended with a CR ending a blank line: the frame is whole, bar a LF that may follow. */
  private blankAfterCR = false;

  constructor(private readonly pending: PendingBytes) {}

  get endedOnFrame(): boolean {
    return this.blankAfterCR;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    const length = chunk.byteLength;
    if (length === 0) return frames;
    let start = 0;
    let position = 0;
    if (this.blankAfterCR) {
      this.blankAfterCR = false;
      position = chunk[0] === LF ? 1 : 0;
      frames.push(this.pending.take(chunk.subarray(0, position)));
      start = position;
    } else if (this.afterCR) {
      this.afterCR = false;
      if (chunk[0] === LF) position = 1;
    }
    // Positions of the next LF and CR, searched again only once passed.
    let lf = -1;
    let cr = -1;
    while (position < length) {
      if (lf < position) lf = indexOrEnd(chunk, LF, position);
      if (cr < position) cr = indexOrEnd(chunk, CR, position);
      const lineEnd = Math.min(lf, cr);
      if (lineEnd > position) this.lineHasContent = true;
      if (lineEnd === length) break;
      let next = lineEnd + 1;
      if (lineEnd === cr) {
        if (next < length && chunk[next] === LF) next++;
        else if (next === length) {
          // The LF of a CRLF may open the next chunk.
          if (this.lineHasContent) this.afterCR = true;
          else this.blankAfterCR = true;
        }
      }
      position = next;
      if (this.lineHasContent) this.lineHasContent = false;
      else if (!this.blankAfterCR) {
        frames.push(this.pending.take(chunk.subarray(start, next)));
        start = next;
      }
    }
    this.pending.add(chunk.subarray(start));
    return frames;
  }

  end(): Uint8Array {
    return this.pending.take();
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

function indexOrEnd(bytes: Uint8Array, byte: number, from: number): number {
  const index = bytes.indexOf(byte, from);
  return index === -1 ? bytes.byteLength : index;
}
