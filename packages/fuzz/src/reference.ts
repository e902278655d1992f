import type { SseEvent } from '@fluxcore/message';

const BOM = '\uFEFF';

/**
 * The WHATWG event-stream parsing rules, written as plainly as possible over a whole text, to
 * check the incremental SseDecoder against. Like SseDecoder (and unlike a browser) it also
 * dispatches an event left pending when the stream ends.
 */
export function referenceSse(text: string): SseEvent[] {
  const lines = (text.startsWith(BOM) ? text.slice(1) : text).split(/\r\n|\r|\n/);
  const events: SseEvent[] = [];
  let data: string[] = [];
  let type: string | undefined;
  let lastId: string | undefined;
  let retry: number | undefined;
  const dispatch = (): void => {
    if (data.length > 0) {
      const event: SseEvent = { data: data.join('\n') };
      if (type !== undefined && type !== '') event.event = type;
      if (lastId !== undefined) event.id = lastId;
      if (retry !== undefined) event.retry = retry;
      events.push(event);
    }
    data = [];
    type = undefined;
    retry = undefined;
  };
  // The last piece is what followed the last line end: empty when the text ended with one.
  lines.forEach((line, i) => {
    if (line === '') return i === lines.length - 1 ? undefined : dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const raw = colon === -1 ? '' : line.slice(colon + 1);
    const value = raw.startsWith(' ') ? raw.slice(1) : raw;
    if (field === 'data') data.push(value);
    else if (field === 'event') type = value;
    else if (field === 'id' && !value.includes('\0')) lastId = value;
    else if (field === 'retry' && /^[0-9]+$/.test(value)) retry = Number(value);
  });
  dispatch();
  return events;
}

/** Newline-delimited lines as NdjsonDecoder promises them: LF or CRLF ends, blank lines and one leading BOM dropped. */
export function referenceNdjson(text: string): string[] {
  return (text.startsWith(BOM) ? text.slice(1) : text)
    .split('\n')
    .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
    .filter((line) => !/^[ \t\r]*$/.test(line));
}
