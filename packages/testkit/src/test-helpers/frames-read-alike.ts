import { deepStrictEqual } from 'node:assert/strict';
import type { StreamDecoder } from '@fluxcore/message';
import type { JsonFrameReader } from '@fluxcore/message/internal';
import { countingReader, decodeFrames, PARSE_EVERY_FRAME } from '../decoder-outcome.js';

/**
 * Asserts that `frames` decode to the same outcome (events, or the error thrown) through a
 * decoder reading repeated frames with `reader` as through one that JSON.parses every frame,
 * and returns how many frames `reader` read itself: the count a test holds the fast path to.
 */
export function framesReadAlike(createDecoder: (reader: JsonFrameReader) => StreamDecoder, reader: JsonFrameReader, frames: readonly string[]): number {
  const counting = countingReader(reader);
  deepStrictEqual(decodeFrames(createDecoder(counting), frames), decodeFrames(createDecoder(PARSE_EVERY_FRAME), frames));
  return counting.reads;
}
