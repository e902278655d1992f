import type { JsonFrameReader } from '@fluxcore/message/internal';
import { countingReader, decodeFrames, framesReadAlike } from '@fluxcore/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureText } from './__fixtures__/load.js';
import { repeatedChunkReader } from './stream-chunk-reader.js';
import { OpenAIStreamDecoder } from './stream-decoder.js';

const ENVELOPE = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1770933892, model: 'gpt-4.1-nano', system_fingerprint: 'fp_1' };
const frame = (chunk: object): string => `data: ${JSON.stringify(chunk)}\n\n`;
const contentFrame = (content: string, extra: object = {}): string =>
  frame({ ...ENVELOPE, choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }], ...extra });
const WORDS = [' The', ' quick', ' "brown"', ' fox\n', ' jümps', ' 🦊', '\\', ''];

describe('repeatedChunkReader', () => {
  it('reads the repeated content chunks of a stream without JSON.parse, to the same events', () => {
    const frames = [
      frame({ ...ENVELOPE, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }] }),
      ...Array.from({ length: 40 }, (_, i) => contentFrame(WORDS[i % WORDS.length]!)),
      frame({ ...ENVELOPE, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] }),
      'data: [DONE]\n\n',
    ];
    expect(framesReadAlike((reader) => new OpenAIStreamDecoder(reader), repeatedChunkReader(), frames)).toBe(39);
  });

  it('reads the content chunks of a recorded OpenAI stream after the first', () => {
    const frames = fixtureText('stream-text.sse').split(/(?<=\n\n)/);
    expect(framesReadAlike((reader) => new OpenAIStreamDecoder(reader), repeatedChunkReader(), frames)).toBe(2);
  });

  it('reads chunks whose obfuscation padding changes every time', () => {
    const frames = [...Array.from({ length: 10 }, (_, i) => contentFrame(`w${i}`, { obfuscation: 'x'.repeat(i) })), 'data: [DONE]\n\n'];
    expect(framesReadAlike((reader) => new OpenAIStreamDecoder(reader), repeatedChunkReader(), frames)).toBe(9);
  });

  it('reads repeated tool-call argument fragments', () => {
    const call = (fn: object) => frame({ ...ENVELOPE, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: fn }] }, finish_reason: null }] });
    const frames = [call({ name: 'get_weather', arguments: '' }), ...['{"ci', 'ty":', '"Paris"}'].map((part) => call({ arguments: part })), 'data: [DONE]\n\n'];
    expect(framesReadAlike((reader) => new OpenAIStreamDecoder(reader), repeatedChunkReader(), frames)).toBe(2);
  });

  it('stops learning new shapes after eight in one stream', () => {
    const frames = Array.from({ length: 20 }, (_, i) => contentFrame('a', { [`k${i}`]: 1 }));
    const reader = countingReader(repeatedChunkReader());
    const parsed: string[] = [];
    const watching: JsonFrameReader = { read: (data) => reader.read(data), parsed: (data, chunk) => (parsed.push(data), reader.parsed(data, chunk)) };
    decodeFrames(new OpenAIStreamDecoder(watching), frames);
    expect(reader.reads).toBe(0);
    expect(parsed).toHaveLength(20);
  });
});

/** Pieces a frame's text may be edited with: JSON's own characters, escapes, line ends. */
const EDITS = ['', '"', '\\', '\\"', '\\u00', '{', '}', ']', ',', ':', ' ', '\n', '\u0001', 'x', '0', 'null', '[DONE]', 'é', '\uD800'];
const text = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.array(fc.constantFrom(...EDITS), { maxLength: 6 }).map((parts) => parts.join('')),
);

/** One frame of a Chat Completions stream, well formed. */
const validFrame = fc.oneof(
  { weight: 6, arbitrary: text.map((content) => contentFrame(content)) },
  { weight: 2, arbitrary: fc.tuple(text, text).map(([content, padding]) => contentFrame(content, { obfuscation: padding })) },
  {
    weight: 1,
    arbitrary: text.map((reasoning) => frame({ ...ENVELOPE, choices: [{ index: 0, delta: { reasoning_content: reasoning }, finish_reason: null }] })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat({ max: 2 }), text)
      .map(([index, args]) => frame({ ...ENVELOPE, choices: [{ index: 0, delta: { tool_calls: [{ index, function: { arguments: args } }] } }] })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('stop', 'length', 'tool_calls')
      .map((reason) => frame({ ...ENVELOPE, choices: [{ index: 0, delta: {}, finish_reason: reason }] })),
  },
  { weight: 1, arbitrary: fc.nat().map((n) => frame({ ...ENVELOPE, choices: [], usage: { prompt_tokens: n, completion_tokens: 1 } })) },
  { weight: 1, arbitrary: text.map((message) => frame({ error: { message, type: 'server_error' } })) },
  { weight: 1, arbitrary: fc.constant('data: [DONE]\n\n') },
);

/** A frame, maybe edited at one place: most edits make it malformed, some make it another valid chunk. */
const anyFrame = fc.oneof(
  { weight: 3, arbitrary: validFrame },
  {
    weight: 1,
    arbitrary: fc.tuple(validFrame, fc.nat(), fc.nat({ max: 2 }), fc.constantFrom(...EDITS)).map(([wire, at, removed, inserted]) => {
      // Edit the JSON only: the `data: ` prefix and the blank line stay, so the frame stays one event.
      const body = wire.slice(6, -2);
      const position = at % (body.length + 1);
      return `data: ${body.slice(0, position)}${inserted.replace(/\n/g, '')}${body.slice(position + removed)}\n\n`;
    }),
  },
);

describe('repeatedChunkReader against JSON.parse', () => {
  it('gives the same events, or the same error, for any stream of valid and malformed chunks', () => {
    fc.assert(
      fc.property(fc.array(anyFrame, { maxLength: 24 }), (frames) => {
        framesReadAlike((reader) => new OpenAIStreamDecoder(reader), repeatedChunkReader(), frames);
      }),
      { numRuns: 3_000 },
    );
  });
});
