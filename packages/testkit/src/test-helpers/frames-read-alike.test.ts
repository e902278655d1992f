import type { JsonObject, StreamDecoder, StreamEvent } from '@fluxcore/message';
import type { JsonFrameReader } from '@fluxcore/message/internal';
import { describe, expect, it } from 'vitest';
import { framesReadAlike } from './frames-read-alike.js';

/** Reports each frame's `text` as a delta: through `reader` when it reads the frame, else JSON.parse. */
function textDecoder(reader: JsonFrameReader): StreamDecoder {
  const delta = (frame: string): StreamEvent => {
    const value = reader.read(frame) ?? (JSON.parse(frame) as JsonObject);
    reader.parsed(frame, value);
    return { type: 'text-delta', index: 0, text: String(value.text) };
  };
  return { push: () => [], pushText: (frame) => [delta(frame)], end: () => [] };
}

/** Reads a frame it has seen before from memory: right, but never cheaper than parsing here. */
function rememberingReader(): JsonFrameReader {
  const seen = new Map<string, JsonObject>();
  return { read: (text) => seen.get(text), parsed: (text, value) => void seen.set(text, value) };
}

describe('framesReadAlike', () => {
  it('returns how many frames the reader read when both decoders agree', () => {
    expect(framesReadAlike(textDecoder, rememberingReader(), ['{"text":"a"}', '{"text":"a"}', '{"text":"b"}'])).toBe(1);
  });

  it('fails when reading through the reader changes the outcome', () => {
    const lying: JsonFrameReader = { read: () => ({ text: 'wrong' }), parsed: () => {} };
    expect(() => framesReadAlike(textDecoder, lying, ['{"text":"a"}'])).toThrow();
  });
});
