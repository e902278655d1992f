import { FluxError } from '@fluxcore/errors';
import type { PassthroughOutput, StreamDecoder, StreamPassthrough } from './adapter.js';
import { positiveLimit } from './limit.js';
import { Utf8Stream } from './utf8.js';
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
const BOM = 0xfeff;
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
  /** Decodes each chunk once, whole. */
  private readonly utf8 = new Utf8Stream();
  /** No text yet: one leading BOM is dropped, as the protocol decoders do. */
  private atStreamStart = true;
  /**
   * The decoder reported the answer complete (its `finish` event). Whatever the upstream sends
   * after that (a stray frame, an error event, a malformed line) is not part of the answer: it
   * is neither decoded nor forwarded, so a complete answer cannot turn into a failed one.
   */
  private complete = false;
  /** For a decoder that takes bytes only: its frames are encoded back. */
  private encoder: InstanceType<typeof TextEncoder> | undefined;

  constructor(private readonly options: FramePassthroughOptions) {
    const pending = new PendingText(positiveLimit(options.maxFrameBytes, DEFAULT_MAX_FRAME_BYTES, 'maxFrameBytes'));
    this.splitter = options.framing === 'sse' ? new SseFrameSplitter(pending) : new NdjsonFrameSplitter(pending);
  }

  push(chunk: Uint8Array): PassthroughOutput {
    const output: PassthroughOutput = { wire: '', events: [] };
    if (this.complete || chunk.byteLength === 0) return output;
    const text = this.withoutBom(this.utf8.decode(chunk));
    for (const frame of this.splitter.push(text, chunk.byteLength)) {
      if (this.complete) break;
      this.forward(frame, this.decode(frame), output);
    }
    return output;
  }

  end(): PassthroughOutput {
    const output: PassthroughOutput = { wire: '', events: [] };
    if (this.complete) return output;
    const text = this.splitter.end(this.withoutBom(this.utf8.end()));
    const events = text === '' ? [] : this.decode(text);
    events.push(...this.options.decoder.end());
    if (text === '') output.events = events;
    else this.forward(text, events, output, this.terminator(text));
    return output;
  }

  private withoutBom(text: string): string {
    if (!this.atStreamStart || text === '') return text;
    this.atStreamStart = false;
    return text.charCodeAt(0) === BOM ? text.slice(1) : text;
  }

  /** The frame's events, from its text when the decoder takes text. */
  private decode(text: string): StreamEvent[] {
    const { decoder } = this.options;
    if (decoder.pushText !== undefined) return decoder.pushText(text);
    this.encoder ??= new TextEncoder();
    return decoder.push(this.encoder.encode(text));
  }

  private forward(text: string, events: StreamEvent[], output: PassthroughOutput, terminator = ''): void {
    for (const event of events) {
      output.events.push(event);
      if (event.type === 'finish') this.complete = true;
    }
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

/** Cuts the decoded text of a stream into whole frames, keeping the unfinished one. */
interface FrameSplitter {
  /** The frames completed by `text`, the decoded text of a chunk of `bytes` bytes. */
  push(text: string, bytes: number): string[];
  /** The text of the unfinished frame, followed by `last` (what the UTF-8 decoder still held). */
  end(last: string): string;
  /** True when the text given by `end()` already forms a whole frame. */
  readonly endedOnFrame: boolean;
}

/** Collects the text of the frame being read, joining it once when the frame completes. */
class PendingText {
  private parts: string[] = [];
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /**
   * Keep text of the unfinished frame, `bytes` long in UTF-8 (as the upstream sent it, but for
   * invalid bytes, which count as their replacement character). Throws `upstream_protocol` past
   * the limit.
   */
  add(part: string, bytes: number): void {
    if (part === '') return;
    this.parts.push(part);
    this.bytes += bytes;
    if (this.bytes <= this.maxBytes) return;
    throw new FluxError({ category: 'upstream_protocol', message: `stream frame exceeds ${this.maxBytes} bytes without ending (maxFrameBytes)` });
  }

  /** The pending text followed by `last`, and start a new frame. */
  take(last = ''): string {
    if (this.parts.length === 0) return last;
    this.parts.push(last);
    const text = this.parts.join('');
    this.parts = [];
    this.bytes = 0;
    return text;
  }

  /** Keep `text.slice(start)`, the rest of a chunk of `chunkBytes` bytes: counted from the chunk when it is all of it. */
  keepRest(text: string, start: number, chunkBytes: number): void {
    if (start === 0) this.add(text, chunkBytes);
    else if (start < text.length) {
      const rest = text.slice(start);
      this.add(rest, utf8Length(rest));
    }
  }
}

/** One frame per line: everything up to and including each LF. */
class NdjsonFrameSplitter implements FrameSplitter {
  readonly endedOnFrame = false;

  constructor(private readonly pending: PendingText) {}

  push(text: string, bytes: number): string[] {
    const frames: string[] = [];
    let start = 0;
    for (let lf = text.indexOf('\n'); lf !== -1; lf = text.indexOf('\n', start)) {
      frames.push(this.pending.take(text.slice(start, lf + 1)));
      start = lf + 1;
    }
    this.pending.keepRest(text, start, bytes);
    return frames;
  }

  end(last: string): string {
    return this.pending.take(last);
  }
}

/**
 * One frame per SSE event: everything up to and including the blank line that dispatches it,
 * with the WHATWG line ends (LF, CRLF, CR). A blank line ending in CR waits for the next
 * character, since a following LF belongs to it.
 */
class SseFrameSplitter implements FrameSplitter {
  /** The current line has a character other than its line end. */
  private lineHasContent = false;
  /** The previous chunk ended with a CR ending a line: a LF at the start of this one continues it. */
  private afterCR = false;
  /** The previous chunk ended with a CR ending a blank line: the frame is whole, bar a LF that may follow. */
  private blankAfterCR = false;

  constructor(private readonly pending: PendingText) {}

  get endedOnFrame(): boolean {
    return this.blankAfterCR;
  }

  push(text: string, bytes: number): string[] {
    const frames: string[] = [];
    const length = text.length;
    if (length === 0) return frames;
    let start = 0;
    let position = 0;
    if (this.blankAfterCR) {
      this.blankAfterCR = false;
      position = text.charCodeAt(0) === LF ? 1 : 0;
      frames.push(this.pending.take(text.slice(0, position)));
      start = position;
    } else if (this.afterCR) {
      this.afterCR = false;
      if (text.charCodeAt(0) === LF) position = 1;
    }
    // Positions of the next LF and CR, searched again only once passed.
    let lf = -1;
    let cr = -1;
    while (position < length) {
      if (lf < position) lf = indexOrEnd(text, '\n', position);
      if (cr < position) cr = indexOrEnd(text, '\r', position);
      const lineEnd = Math.min(lf, cr);
      if (lineEnd > position) this.lineHasContent = true;
      if (lineEnd === length) break;
      let next = lineEnd + 1;
      if (lineEnd === cr) {
        if (next < length && text.charCodeAt(next) === LF) next++;
        else if (next === length) {
          // The LF of a CRLF may open the next chunk.
          if (this.lineHasContent) this.afterCR = true;
          else this.blankAfterCR = true;
        }
      }
      position = next;
      if (this.lineHasContent) this.lineHasContent = false;
      else if (!this.blankAfterCR) {
        frames.push(this.pending.take(text.slice(start, next)));
        start = next;
      }
    }
    this.pending.keepRest(text, start, bytes);
    return frames;
  }

  end(last: string): string {
    return this.pending.take(last);
  }
}

function indexOrEnd(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from);
  return index === -1 ? text.length : index;
}

/** Length of `text` in UTF-8 (a lone surrogate, which UTF-8 cannot hold, as its replacement character). */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: two UTF-16 units, four bytes.
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}
