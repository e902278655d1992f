/** One SSE event as a stream validator reads it: its `event:` line, and its `data:` lines joined. */
export interface SseEventLines {
  event?: string;
  data: string;
  /** How many `data:` lines the event had (SDKs that parse each line alone want one). */
  dataLines: number;
}

/**
 * Split SSE wire text into events, reporting in `errors` each line that is neither `data:`,
 * `event:` nor a comment, and a stream that does not end with a blank line. Unlike the shared
 * `SseDecoder`, it keeps what a validator must see: the lines it would skip.
 */
export function sseEvents(wire: string, errors: string[]): SseEventLines[] {
  const events: SseEventLines[] = [];
  for (const block of wire.replace(/\r\n?/g, '\n').split('\n\n')) {
    if (block.trim() === '') continue;
    const data: string[] = [];
    let event: string | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      else if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (!line.startsWith(':') && line !== '') errors.push(`unexpected SSE line: ${line.slice(0, 80)}`);
    }
    if (data.length > 0) events.push({ ...(event === undefined ? {} : { event }), data: data.join('\n'), dataLines: data.length });
  }
  if (wire.length > 0 && !wire.endsWith('\n\n')) errors.push('stream does not end with a blank line');
  return events;
}
