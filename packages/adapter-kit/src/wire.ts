import type { StreamDecoder, StreamEvent, UpstreamRequest } from '@fluxcore/message';
import type { SimulatedCall } from './simulator.js';

const utf8 = new TextEncoder();

/** The UTF-8 bytes of a stream's frames, end to end. */
export function bytesOf(frames: readonly string[]): Uint8Array {
  return utf8.encode(frames.join(''));
}

/** Each frame as its own chunk of bytes, the way a provider flushes them. */
export function frameChunks(frames: readonly string[]): Uint8Array[] {
  return frames.map((frame) => utf8.encode(frame));
}

/** `bytes` cut at the given offsets into non-empty chunks (out-of-range and repeated offsets ignored). */
export function cutAt(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const points = [...new Set(offsets.filter((offset) => offset > 0 && offset < bytes.length))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    if (point <= from) continue;
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}

/** Every event a fresh decoder gives for these chunks, `end()` included. */
export function decodeChunks(decoder: StreamDecoder, chunks: readonly Uint8Array[]): StreamEvent[] {
  const events: StreamEvent[] = [];
  for (const chunk of chunks) events.push(...decoder.push(chunk));
  events.push(...decoder.end());
  return events;
}

/** A decoder that takes text as well as bytes. */
export type TextStreamDecoder = StreamDecoder & Required<Pick<StreamDecoder, 'pushText'>>;

export function readsText(decoder: StreamDecoder): decoder is TextStreamDecoder {
  return decoder.pushText !== undefined;
}

/** Like {@link decodeChunks}, through `pushText` with text chunks. */
export function decodeTextChunks(decoder: TextStreamDecoder, chunks: readonly string[]): StreamEvent[] {
  const events: StreamEvent[] = [];
  for (const chunk of chunks) events.push(...decoder.pushText(chunk));
  events.push(...decoder.end());
  return events;
}

/** Events with the `start` event's id removed: a decoder may make one up per stream. */
export function withoutStartId(events: readonly StreamEvent[]): StreamEvent[] {
  return events.map((event) => {
    if (event.type !== 'start' || event.id === undefined) return event;
    const { id: _id, ...rest } = event;
    return rest;
  });
}

/** A built upstream request as the simulator sees it arrive; the body is parsed JSON (or the text, when it is not JSON). */
export function simulatedCallOf(request: UpstreamRequest): SimulatedCall {
  const url = new URL(request.url);
  let body: unknown;
  try {
    body = JSON.parse(request.body) as unknown;
  } catch {
    body = request.body;
  }
  return { path: url.pathname, query: url.search.replace(/^\?/, ''), headers: request.headers, body };
}
