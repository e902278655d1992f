/** One Server-Sent Event as dispatched by {@link SseDecoder}. */
export interface SseEvent {
  /** The `event:` field; undefined when the event had none (the WHATWG default type "message"). */
  event?: string;
  /** The `data:` lines joined with "\n". */
  data: string;
  /** The last `id:` seen, when any. */
  id?: string;
  /** A `retry:` value in milliseconds, when this event carried one. */
  retry?: number;
}

/**
 * Incremental SSE parser following the WHATWG rules: LF, CRLF and CR line ends (also split
 * across chunks), several `data:` lines joined, comments, `id` and `retry` fields, multi-byte
 * UTF-8 characters split across chunks, and a leading BOM. Unlike a browser it also dispatches
 * a final event that lacks the trailing blank line, since truncated-but-complete upstream
 * streams are common and dropping their last event loses the finish reason.
 */
export class SseDecoder {
  private readonly utf8 = new TextDecoder('utf-8');
  private buffer = '';
  private skipLeadingLF = false;
  private sawFirstChunk = false;
  private eventType: string | undefined;
  private data: string[] = [];
  private lastId: string | undefined;
  private retry: number | undefined;

  /** Feed bytes (or text); returns the events completed by this chunk. */
  push(chunk: Uint8Array | string): SseEvent[] {
    let text = typeof chunk === 'string' ? chunk : this.utf8.decode(chunk, { stream: true });
    if (!this.sawFirstChunk && text.length > 0) {
      this.sawFirstChunk = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.buffer += text;
    const events: SseEvent[] = [];
    this.drainLines(events);
    return events;
  }

  /** The stream ended: flush the last line and dispatch a pending event. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    this.buffer += this.utf8.decode();
    this.drainLines(events);
    if (this.buffer.length > 0) {
      this.processLine(this.buffer, events);
      this.buffer = '';
    }
    this.dispatch(events);
    return events;
  }

  private drainLines(events: SseEvent[]): void {
    const buf = this.buffer;
    let start = 0;
    if (this.skipLeadingLF && buf.length > 0) {
      if (buf.charCodeAt(0) === 10) start = 1;
      this.skipLeadingLF = false;
    }
    for (let i = start; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.processLine(buf.slice(start, i), events);
      if (c === 13) {
        if (i + 1 === buf.length) this.skipLeadingLF = true;
        else if (buf.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    this.buffer = start === 0 ? buf : buf.slice(start);
  }

  private processLine(line: string, events: SseEvent[]): void {
    if (line.length === 0) return this.dispatch(events);
    if (line.charCodeAt(0) === 58 /* ':' */) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
    }
  }

  private dispatch(events: SseEvent[]): void {
    if (this.data.length > 0) {
      const event: SseEvent = { data: this.data.join('\n') };
      if (this.eventType !== undefined && this.eventType !== '') event.event = this.eventType;
      if (this.lastId !== undefined) event.id = this.lastId;
      if (this.retry !== undefined) event.retry = this.retry;
      events.push(event);
    }
    this.data = [];
    this.eventType = undefined;
    this.retry = undefined;
  }
}

/** Serialise one SSE event. Multi-line data becomes several `data:` lines. */
export function encodeSse(data: string, event?: string): string {
  const body = data.includes('\n') ? data.split('\n').join('\ndata: ') : data;
  return event === undefined ? `data: ${body}\n\n` : `event: ${event}\ndata: ${body}\n\n`;
}
