import type { JsonObject } from '@fluxcore/message';
import { framesReadAlike } from '@fluxcore/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CohereV1StreamDecoder, repeatedTextReader } from './v1/stream-decoder.js';
import { CohereStreamDecoder, repeatedDeltaReader } from './v2/stream-decoder.js';

const line = (data: JsonObject): string => `${JSON.stringify(data)}\n`;
const v1Stream = (texts: readonly string[]): string[] => [
  line({ is_finished: false, event_type: 'stream-start', generation_id: 'g1' }),
  ...texts.map((text) => line({ is_finished: false, event_type: 'text-generation', text })),
  line({ is_finished: true, event_type: 'stream-end', finish_reason: 'COMPLETE', response: { meta: { billed_units: { input_tokens: 5, output_tokens: 7 } } } }),
];

const event = (data: JsonObject): string => `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;
const v2Stream = (texts: readonly string[], plan: readonly string[], args: readonly string[]): string[] => [
  event({ id: 'm1', type: 'message-start', delta: { message: { role: 'assistant' } } }),
  ...plan.map((tool_plan) => event({ type: 'tool-plan-delta', delta: { message: { tool_plan } } })),
  event({ type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } }),
  ...texts.map((text) => event({ type: 'content-delta', index: 0, delta: { message: { content: { text } } } })),
  event({ type: 'content-end', index: 0 }),
  event({ type: 'tool-call-start', index: 1, delta: { message: { tool_calls: { id: 'c1', type: 'function', function: { name: 'f', arguments: '' } } } } }),
  ...args.map((fragment) => event({ type: 'tool-call-delta', index: 1, delta: { message: { tool_calls: { function: { arguments: fragment } } } } })),
  event({ type: 'tool-call-end', index: 1 }),
  event({ type: 'message-end', delta: { finish_reason: 'TOOL_CALL', usage: { billed_units: { input_tokens: 5, output_tokens: 7 } } } }),
];

const WORDS = [' The', ' "quick"', ' wörld 🌍', '\\', '', '\n'];

describe('Cohere stream decoders with repeated frames', () => {
  it('v1 reads the repeated text-generation lines without JSON.parse, to the same events', () => {
    const frames = v1Stream(Array.from({ length: 20 }, (_, i) => WORDS[i % WORDS.length]!));
    expect(framesReadAlike((reader) => new CohereV1StreamDecoder(reader), repeatedTextReader(), frames)).toBe(19);
  });

  it('v2 reads the repeated content-delta events without JSON.parse, to the same events', () => {
    const frames = v2Stream(
      Array.from({ length: 20 }, (_, i) => WORDS[i % WORDS.length]!),
      [],
      ['{"a"', ':1}'],
    );
    expect(framesReadAlike((reader) => new CohereStreamDecoder(reader), repeatedDeltaReader(), frames)).toBe(20);
  });
});

/** Pieces a frame's JSON may be edited with: JSON's own characters, escapes. */
const EDITS = ['', '"', '\\', '\\"', '\\u00', '{', '}', ']', ',', ':', ' ', '\u0001', 'x', '0', 'null', 'é', '\uD800'];
const text = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.array(fc.constantFrom(...EDITS), { maxLength: 6 }).map((parts) => parts.join('')),
);
const edits = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 2 }), fc.constantFrom(...EDITS)), { maxLength: 3 });

/** Edit the JSON of some frames at one place each (the JSON is the text after `data: `, or the whole line). */
function edit(frames: readonly string[], changes: ReadonlyArray<[number, number, number, string]>, sse: boolean): string[] {
  const out = [...frames];
  for (const [which, at, removed, inserted] of changes) {
    const i = which % out.length;
    const frame = out[i]!;
    const start = sse ? frame.indexOf('data: ') + 'data: '.length : 0;
    const end = frame.length - (sse ? 2 : 1);
    const position = start + (at % (end - start + 1));
    out[i] = frame.slice(0, position) + inserted.replace(/\n/g, '') + frame.slice(Math.min(position + removed, end));
  }
  return out;
}

describe('Cohere stream decoders, repeated frames against JSON.parse', () => {
  it('v1 gives the same events, or the same error, for any stream of valid and malformed lines', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 10 }), edits, (texts, changes) => {
        const frames = edit(v1Stream(texts), changes, false);
        framesReadAlike((reader) => new CohereV1StreamDecoder(reader), repeatedTextReader(), frames);
      }),
      { numRuns: 2_000 },
    );
  });

  it('v2 gives the same events, or the same error, for any stream of valid and malformed events', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 8 }), fc.array(text, { maxLength: 3 }), fc.array(text, { maxLength: 4 }), edits, (texts, plan, args, changes) => {
        const frames = edit(v2Stream(texts, plan, args), changes, true);
        framesReadAlike((reader) => new CohereStreamDecoder(reader), repeatedDeltaReader(), frames);
      }),
      { numRuns: 2_000 },
    );
  });
});
