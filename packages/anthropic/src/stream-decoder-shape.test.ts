import type { JsonObject } from '@fluxcore/message';
import { framesReadAlike } from '@fluxcore/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnthropicStreamDecoder, repeatedDeltaReader } from './stream-decoder.js';

const frame = (data: JsonObject): string => `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;
const START = frame({
  type: 'message_start',
  message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [], usage: { input_tokens: 12, output_tokens: 1 } },
});
const blockStart = (index: number, block: JsonObject) => frame({ type: 'content_block_start', index, content_block: block });
const delta = (index: number, body: JsonObject) => frame({ type: 'content_block_delta', index, delta: body });
const stop = (index: number) => frame({ type: 'content_block_stop', index });
const END = [
  frame({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 9 } }),
  frame({ type: 'message_stop' }),
];

describe('AnthropicStreamDecoder with repeated events', () => {
  it('reads the repeated text deltas of a stream without JSON.parse, to the same events', () => {
    const texts = Array.from({ length: 30 }, (_, i) => ['Hel', 'lo "you"', ' wörld 🌍', '\\', ''][i % 5]!);
    const frames = [START, blockStart(0, { type: 'text', text: '' }), ...texts.map((text) => delta(0, { type: 'text_delta', text })), stop(0), ...END];
    expect(framesReadAlike((reader) => new AnthropicStreamDecoder(reader), repeatedDeltaReader(), frames)).toBe(29);
  });
});

/** Pieces an event's JSON may be edited with: JSON's own characters, escapes. */
const EDITS = ['', '"', '\\', '\\"', '\\u00', '{', '}', ']', ',', ':', ' ', '\u0001', 'x', '0', 'null', 'é', '\uD800'];
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.array(fc.constantFrom(...EDITS), { maxLength: 6 }).map((parts) => parts.join('')),
);

/** A well-formed stream: start, a thinking, text and tool block with random deltas, end. */
const stream = fc
  .tuple(fc.array(text, { maxLength: 4 }), fc.array(text, { maxLength: 8 }), fc.array(text, { maxLength: 4 }))
  .map(([thoughts, texts, args]) => [
    START,
    blockStart(0, { type: 'thinking', thinking: '' }),
    ...thoughts.map((thinking) => delta(0, { type: 'thinking_delta', thinking })),
    delta(0, { type: 'signature_delta', signature: 'sig' }),
    stop(0),
    blockStart(1, { type: 'text', text: '' }),
    ...texts.map((t) => delta(1, { type: 'text_delta', text: t })),
    stop(1),
    blockStart(2, { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} }),
    ...args.map((partial) => delta(2, { type: 'input_json_delta', partial_json: partial })),
    stop(2),
    ...END,
  ]);

/** Edit the JSON of one event at one place: most edits make it malformed, some another valid event. */
const edited = fc
  .tuple(stream, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 2 }), fc.constantFrom(...EDITS)), { maxLength: 3 }))
  .map(([frames, edits]) => {
    const out = [...frames];
    for (const [which, at, removed, inserted] of edits) {
      const i = which % out.length;
      const [eventLine, dataLine] = out[i]!.split('\n');
      const body = dataLine!.slice('data: '.length);
      const position = at % (body.length + 1);
      out[i] = `${eventLine}\ndata: ${body.slice(0, position)}${inserted}${body.slice(position + removed)}\n\n`;
    }
    return out;
  });

describe('AnthropicStreamDecoder repeated events against JSON.parse', () => {
  it('gives the same events, or the same error, for any stream of valid and malformed events', () => {
    fc.assert(
      fc.property(edited, (frames) => {
        framesReadAlike((reader) => new AnthropicStreamDecoder(reader), repeatedDeltaReader(), frames);
      }),
      { numRuns: 3_000 },
    );
  });
});
