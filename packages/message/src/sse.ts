import { FluxError } from '@fluxcore/errors';
import { LineFragments } from './line-fragments.js';
import { positiveLimit } from './limit.js';
import { Utf8Stream } from './utf8.js';

/** One Server-Sent Event as dispatched by {@link SseDecoder}. */
export interface SseEvent {
  /** The `event:` field; undefined when the event had none (the WHATWG default type "message"). */
  event?: string;
  /** The `data:` lines joined with "\n". */
  data: string;
  /** The last `id:` seen in the stream so far (ids persist across events, as in WHATWG). */
  id?: string;
  /** A `retry:` value in milliseconds, when this event's block carried one. */
  retry?: number;
}

/** Options for {@link SseDecoder}. */
export interface SseDecoderOptions {
  /**
   * Most characters one event may buffer (its unfinished line plus its data so far) before the
   * decoder gives up with a FluxError `upstream_protocol`. Protects against an upstream that
   * never ends a line. Default 32 MiB of text, room for large inline images.
   */
  maxEventSize?: number;
}

const LF = 10;
const SPACE = 32;
const COLON = 58;
const BOM = 0xfeff;
const DEFAULT_MAX_EVENT_SIZE = 32 * 1024 * 1024;

/**
 * Incremental SSE parser following the WHATWG rules: LF, CRLF and CR line ends (a CRLF may be
 * split across chunks), several `data:` lines joined with "\n", comments, `event`, `id` and
 * `retry` fields, multi-byte UTF-8 characters split across chunks, and one leading BOM.
 *
 * Unlike a browser it also dispatches a final event that lacks the trailing blank line when
 * {@link SseDecoder.end} is called: upstreams that close right after their last `data:` line are
 * common, and dropping that event would lose the finish reason.
 *
 * Work is linear in the input, however it is split: an unfinished line is kept as fragments and
 * joined once, when its line end arrives.
 */
export class SseDecoder {
  /** Created on the first byte chunk: callers that feed text never pay for it. */
  private utf8: Utf8Stream | undefined;
  private readonly maxEventSize: number;
  private atStreamStart = true;
  /** The previous chunk ended with CR: a LF at the start of the next one ends nothing. */
  private afterCR = false;
  private readonly partialLine = new LineFragments();
  private data = '';
  private dataLines = 0;
  private eventType: string | undefined;
  private lastId: string | undefined;
  private retry: number | undefined;

  /** Create a decoder for one stream. Throws a FluxError `invalid_request` for a bad option. */
  constructor(options: SseDecoderOptions = {}) {
    this.maxEventSize = positiveLimit(options.maxEventSize, DEFAULT_MAX_EVENT_SIZE, 'maxEventSize');
  }

  /**
   * Feed the next chunk, as bytes or as already decoded text (do not mix the two in one
   * stream); returns the events this chunk completed. Throws a FluxError `upstream_protocol`
   * when one event grows beyond `maxEventSize`.
   */
  push(chunk: Uint8Array | string): SseEvent[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder().decode(chunk);
    const events: SseEvent[] = [];
    this.feed(text, events);
    return events;
  }

  /** The stream ended: flush the last line and dispatch a pending event. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.utf8 !== undefined) this.feed(this.utf8.end(), events);
    if (this.partialLine.length > 0) {
      const line = this.partialLine.take('');
      this.processLine(line, 0, line.length, events);
    }
    this.dispatch(events);
    return events;
  }

  private decoder(): Utf8Stream {
    this.utf8 ??= new Utf8Stream();
    return this.utf8;
  }

  private feed(text: string, events: SseEvent[]): void {
    const length = text.length;
    if (length === 0) return;
    let start = 0;
    if (this.atStreamStart) {
      this.atStreamStart = false;
      if (text.charCodeAt(0) === BOM) start = 1;
    }
    if (this.afterCR) {
      this.afterCR = false;
      if (text.charCodeAt(start) === LF) start++;
    }
    // Positions of the next LF and CR, searched again only once passed, so a chunk without
    // any CR costs one failed search rather than one per line.
    let lf = -1;
    let cr = -1;
    while (start < length) {
      if (lf < start) lf = indexOrEnd(text, '\n', start);
      if (cr < start) cr = indexOrEnd(text, '\r', start);
      const end = lf < cr ? lf : cr;
      if (end === length) break;
      if (this.partialLine.length === 0) this.processLine(text, start, end, events);
      else {
        const line = this.partialLine.take(text.slice(start, end));
        this.processLine(line, 0, line.length, events);
      }
      start = end + 1;
      if (end === cr) {
        if (start === length) this.afterCR = true;
        else if (text.charCodeAt(start) === LF) start++;
      }
    }
    if (start < length) this.keepPartialLine(start === 0 ? text : text.slice(start));
  }

  private keepPartialLine(fragment: string): void {
    this.partialLine.add(fragment);
    this.checkSize();
  }

  /** Handle the line `text[start, end)`, read in place to avoid copying it. */
  private processLine(text: string, start: number, end: number, events: SseEvent[]): void {
    if (start === end) return this.dispatch(events);
    if (isDataField(text, start)) return this.appendData(text.slice(valueStart(text, start + 5), end));
    const colon = indexOfColon(text, start, end);
    if (colon === start) return; // a comment
    const field = text.slice(start, colon);
    const value = colon === end ? '' : text.slice(valueStart(text, colon + 1), end);
    switch (field) {
      case 'data':
        this.appendData(value);
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      case 'retry':
        if (isAsciiDigits(value)) this.retry = Number(value);
        break;
    }
  }

  private appendData(value: string): void {
    if (this.dataLines === 0) this.data = value;
    else {
      this.data = `${this.data}\n${value}`;
      this.checkSize();
    }
    this.dataLines++;
  }

  private dispatch(events: SseEvent[]): void {
    if (this.dataLines > 0) {
      const event: SseEvent = { data: this.data };
      if (this.eventType !== undefined && this.eventType !== '') event.event = this.eventType;
      if (this.lastId !== undefined) event.id = this.lastId;
      if (this.retry !== undefined) event.retry = this.retry;
      events.push(event);
    }
    this.data = '';
    this.dataLines = 0;
    this.eventType = undefined;
    this.retry = undefined;
  }

  private checkSize(): void {
    if (this.partialLine.length + this.data.length <= this.maxEventSize) return;
    throw new FluxError({
      category: 'upstream_protocol',
      message: `SSE event exceeds ${this.maxEventSize} characters without ending (maxEventSize)`,
    });
  }
}

/** `data:` at `start`: the hot path, checked without slicing the field name. */
function isDataField(text: string, start: number): boolean {
  return (
    text.charCodeAt(start) === 100 &&
    text.charCodeAt(start + 1) === 97 &&
    text.charCodeAt(start + 2) === 116 &&
    text.charCodeAt(start + 3) === 97 &&
    text.charCodeAt(start + 4) === 58
  );
}

/** Where a field's value starts: after the colon and at most one space. */
function valueStart(text: string, afterColon: number): number {
  return text.charCodeAt(afterColon) === SPACE ? afterColon + 1 : afterColon;
}

/** The first colon in `text[start, end)`, or `end`. Bounded, unlike indexOf, so a long run of colon-less lines stays linear. */
function indexOfColon(text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === COLON) return i;
  return end;
}

function indexOrEnd(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from);
  return index === -1 ? text.length : index;
}

function isAsciiDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Serialise one SSE event, ending with the blank line that dispatches it. Multi-line data
 * becomes several `data:` lines; CR and CRLF in the data become line breaks too, since SSE
 * cannot carry a CR (the decoder gives them back as "\n"). Throws a FluxError
 * `invalid_request` (param `event`) when `event` contains a line break, which would corrupt the
 * stream.
 */
export function encodeSse(data: string, event?: string): string {
  const body = hasLineBreak(data) ? data.split(/\r\n|\r|\n/).join('\ndata: ') : data;
  if (event === undefined) return `data: ${body}\n\n`;
  if (hasLineBreak(event)) {
    throw new FluxError({ category: 'invalid_request', message: `SSE event name must not contain a line break: ${JSON.stringify(event)}`, param: 'event' });
  }
  return `event: ${event}\ndata: ${body}\n\n`;
}

/** A LF or CR in `text`: two native searches, about 4x faster than a regular expression on JSON text. */
function hasLineBreak(text: string): boolean {
  return text.includes('\n') || text.includes('\r');
}
