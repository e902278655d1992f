import { FluxError } from '@fluxcore/errors';
import { LineFragments } from './line-fragments.js';
import { positiveLimit } from './limit.js';
import { Utf8Stream } from './utf8.js';

/** Options for {@link NdjsonDecoder}. */
export interface NdjsonDecoderOptions {
  /**
   * Most characters one unfinished line may buffer before the decoder gives up with a
   * FluxError `upstream_protocol`. Default 32 MiB of text.
   */
  maxLineSize?: number;
}

const CR = 13;
const BOM = 0xfeff;
const DEFAULT_MAX_LINE_SIZE = 32 * 1024 * 1024;

/**
 * Incremental newline-delimited JSON splitter (Cohere v1 streams, Ollama). Returns each
 * complete non-blank line without its line end; JSON parsing is left to the caller so it can
 * classify errors. Lines end with LF or CRLF; multi-byte UTF-8 characters split across chunks
 * and one leading BOM are handled. Work is linear in the input, however it is split.
 */
export class NdjsonDecoder {
  private readonly utf8 = new Utf8Stream();
  private readonly maxLineSize: number;
  private atStreamStart = true;
  private readonly partialLine = new LineFragments();

  /** Create a decoder for one stream. Throws a FluxError `invalid_request` for a bad option. */
  constructor(options: NdjsonDecoderOptions = {}) {
    this.maxLineSize = positiveLimit(options.maxLineSize, DEFAULT_MAX_LINE_SIZE, 'maxLineSize');
  }

  /**
   * Feed the next chunk, as bytes or as already decoded text (do not mix the two in one
   * stream); returns the complete lines this chunk finished. Throws a FluxError
   * `upstream_protocol` when one line grows beyond `maxLineSize`.
   */
  push(chunk: Uint8Array | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.utf8.decode(chunk);
    const lines: string[] = [];
    this.feed(text, lines);
    return lines;
  }

  /** The stream ended: returns the last line if it lacked a newline. */
  end(): string[] {
    const lines: string[] = [];
    this.feed(this.utf8.end(), lines);
    if (this.partialLine.length > 0) this.collect(this.partialLine.take(''), lines);
    return lines;
  }

  private feed(text: string, lines: string[]): void {
    if (text.length === 0) return;
    let start = 0;
    if (this.atStreamStart) {
      this.atStreamStart = false;
      if (text.charCodeAt(0) === BOM) start = 1;
    }
    let newline = text.indexOf('\n', start);
    while (newline !== -1) {
      const line = text.slice(start, newline);
      this.collect(this.partialLine.length > 0 ? this.partialLine.take(line) : line, lines);
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (start < text.length) this.keepPartialLine(start === 0 ? text : text.slice(start));
  }

  private keepPartialLine(fragment: string): void {
    this.partialLine.add(fragment);
    if (this.partialLine.length <= this.maxLineSize) return;
    throw new FluxError({
      category: 'upstream_protocol',
      message: `NDJSON line exceeds ${this.maxLineSize} characters without ending (maxLineSize)`,
    });
  }

  private collect(raw: string, lines: string[]): void {
    const line = raw.charCodeAt(raw.length - 1) === CR ? raw.slice(0, -1) : raw;
    if (!isBlank(line)) lines.push(line);
  }
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
