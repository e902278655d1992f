import type { JsonObject } from '@fluxcore/message';
import { framesReadAlike } from '@fluxcore/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureText } from './__fixtures__/load.js';
import { GeminiStreamDecoder, repeatedChunkReader } from './stream-decoder.js';

const frame = (chunk: JsonObject): string => `data: ${JSON.stringify(chunk)}\n\n`;
const chunk = (text: string, usage: JsonObject, extra: JsonObject = {}): string =>
  frame({
    candidates: [{ content: { parts: [{ text, ...extra }], role: 'model' }, index: 0 }],
    usageMetadata: usage,
    modelVersion: 'gemini-2.5-flash',
    responseId: 'resp-1',
  });
const last = (usage: JsonObject): string =>
  frame({
    candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, finishReason: 'STOP', index: 0 }],
    usageMetadata: usage,
    modelVersion: 'gemini-2.5-flash',
    responseId: 'resp-1',
  });
const usageAt = (i: number): JsonObject => ({ promptTokenCount: 12, candidatesTokenCount: i, totalTokenCount: 12 + i });
const WORDS = [' The', ' "quick"', ' wörld 🌍', '\\', '\n'];

describe('Gemini stream decoder with repeated chunks', () => {
  it('reads chunks whose text and running token counts change without JSON.parse, to the same events', () => {
    const frames = [...Array.from({ length: 20 }, (_, i) => chunk(WORDS[i % WORDS.length]!, usageAt(i + 1))), last(usageAt(21))];
    expect(framesReadAlike((reader) => new GeminiStreamDecoder(reader), repeatedChunkReader(), frames)).toBe(19);
  });

  it('reads the chunks of a recorded stream with thoughts and running counts', () => {
    const frames = fixtureText('stream-parallel-calls.sse').split(/(?<=\n\n)/);
    expect(framesReadAlike((reader) => new GeminiStreamDecoder(reader), repeatedChunkReader(), frames)).toBeGreaterThan(0);
  });
});

/** Pieces a chunk's JSON may be edited with: JSON's own characters, escapes, number characters. */
const EDITS = ['', '"', '\\', '\\"', '\\u00', '{', '}', ']', ',', ':', ' ', '\u0001', 'x', '0', '1', '-', '.', 'e', 'null', 'é', '\uD800'];
const text = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.array(fc.constantFrom(...EDITS), { maxLength: 6 }).map((parts) => parts.join('')),
);
const count = fc.oneof(fc.nat({ max: 5000 }), fc.constantFrom(-1, 0.5, 1e21));

const stream = fc
  .tuple(fc.array(fc.tuple(text, count, fc.boolean()), { maxLength: 10 }), fc.boolean())
  .map(([parts, finished]) => [
    ...parts.map(([t, n, thought]) => chunk(t, usageAt(n), thought ? { thought: true } : {})),
    ...(finished ? [last(usageAt(99))] : []),
  ]);

/** Edit the JSON of some chunks at one place each. */
const edited = fc
  .tuple(stream, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 2 }), fc.constantFrom(...EDITS)), { maxLength: 3 }))
  .map(([frames, edits]) => {
    const out = [...frames];
    for (const [which, at, removed, inserted] of edits) {
      if (out.length === 0) break;
      const i = which % out.length;
      const body = out[i]!.slice('data: '.length, -2);
      const position = at % (body.length + 1);
      out[i] = `data: ${body.slice(0, position)}${inserted.replace(/\n/g, '')}${body.slice(position + removed)}\n\n`;
    }
    return out;
  });

describe('Gemini stream decoder, repeated chunks against JSON.parse', () => {
  it('gives the same events, or the same error, for any stream of valid and malformed chunks', () => {
    fc.assert(
      fc.property(edited, (frames) => {
        framesReadAlike((reader) => new GeminiStreamDecoder(reader), repeatedChunkReader(), frames);
      }),
      { numRuns: 3_000 },
    );
  });
});
