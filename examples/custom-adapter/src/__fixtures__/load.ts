import { readFileSync } from 'node:fs';
import type { StreamDecoder, StreamEvent } from '@fluxcore/message';

/** Text of a fixture file, e.g. `text.ndjson`. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

/** A JSON fixture, parsed. */
export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureText(name));
}

/** Feed `wire` to a decoder cut at the given byte offsets and collect every event. */
export function decodeAll(decoder: StreamDecoder, wire: string, cuts: number[] = []): StreamEvent[] {
  const bytes = new TextEncoder().encode(wire);
  const points = [...new Set(cuts.filter((cut) => cut > 0 && cut < bytes.length))].sort((a, b) => a - b);
  const events: StreamEvent[] = [];
  let from = 0;
  for (const cut of [...points, bytes.length]) {
    events.push(...decoder.push(bytes.subarray(from, cut)));
    from = cut;
  }
  events.push(...decoder.end());
  return events;
}
