import { FluxError } from '@fluxcore/errors';
import type { JsonObject, StreamDecoder, StreamEvent } from '@fluxcore/message';
import type { JsonFrameReader } from '@fluxcore/message/internal';

/**
 * A {@link JsonFrameReader} that reads nothing, so a decoder given it JSON.parses every frame:
 * the reference a decoder reading repeated frames through a learned shape is compared with.
 */
export const PARSE_EVERY_FRAME: JsonFrameReader = { read: () => undefined, parsed: () => {} };

/** What decoding a stream came to: all its events, or the category and message of the FluxError thrown. */
export type DecodeOutcome = { events: StreamEvent[] } | { error: { category: string; message: string } };

/**
 * Decodes `frames`, each pushed as its own chunk, then ends the stream. Text goes through
 * `pushText` when the decoder has it, so a frame reaches the decoder exactly as written (a lone
 * surrogate stays one; `push` of UTF-8 bytes would turn it into U+FFFD). Any error other than a
 * FluxError is rethrown: a crash is never an outcome.
 */
export function decodeFrames(decoder: StreamDecoder, frames: readonly string[]): DecodeOutcome {
  const encoder = new TextEncoder();
  const push = (frame: string): StreamEvent[] => (decoder.pushText !== undefined ? decoder.pushText(frame) : decoder.push(encoder.encode(frame)));
  const events: StreamEvent[] = [];
  try {
    for (const frame of frames) events.push(...push(frame));
    events.push(...decoder.end());
    return { events };
  } catch (error) {
    if (!(error instanceof FluxError)) throw error;
    return { error: { category: error.category, message: error.message } };
  }
}

/** Wraps `inner` and counts in `reads` the frames it read (so did not leave to JSON.parse). */
export function countingReader(inner: JsonFrameReader): JsonFrameReader & { reads: number } {
  const counting = {
    reads: 0,
    read(text: string): JsonObject | undefined {
      const value = inner.read(text);
      if (value !== undefined) counting.reads++;
      return value;
    },
    parsed: (text: string, value: JsonObject) => inner.parsed(text, value),
  };
  return counting;
}
