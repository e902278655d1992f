import { FluxError } from '@fluxcore/errors';
import { encodeSse, type InboundContext, type StreamEvent } from '@fluxcore/message';
import { encodeEvents, reasoningEvents, textEvents, toolCallEvents, validateAnthropicStream } from '@fluxcore/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureText } from './__fixtures__/load.js';
import { AnthropicStreamDecoder } from './stream-decoder.js';
import { AnthropicStreamEncoder } from './stream-encoder.js';

const context: InboundContext = { request: { model: 'client-model', messages: [], stream: true } };
const encode = (events: StreamEvent[]) => encodeEvents(new AnthropicStreamEncoder(context), events);
const valid = (wire: string) => {
  const result = validateAnthropicStream(wire);
  expect(result.errors).toEqual([]);
  return result;
};
const frames = (wire: string) =>
  wire
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => JSON.parse(frame.split('\ndata: ')[1]!) as Record<string, unknown>);

describe('AnthropicStreamEncoder', () => {
  it('puts input usage known before the first block into message_start', () => {
    const wire = encode([
      { type: 'start', id: 'msg_1', model: 'claude' },
      { type: 'usage', usage: { inputTokens: 120, cachedInputTokens: 100 } },
      ...textEvents(0, 'Hel', 'lo'),
      { type: 'finish', finishReason: 'stop', usage: { inputTokens: 120, outputTokens: 7, cachedInputTokens: 100 } },
    ]);
    const result = valid(wire);
    expect(result).toMatchObject({ text: 'Hello', finishReason: 'end_turn', usage: { input_tokens: 20, cache_read_input_tokens: 100, output_tokens: 7 } });
    expect(frames(wire)[0]).toMatchObject({
      type: 'message_start',
      message: { id: 'msg_1', model: 'claude', usage: { input_tokens: 20, cache_read_input_tokens: 100 } },
    });
    expect(wire.startsWith('event: message_start\ndata: ')).toBe(true);
  });

  it('sends reasoning then text with a signature_delta before the thinking block stops', () => {
    const wire = encode([
      { type: 'start' },
      ...reasoningEvents(0, ['Let me think.'], { family: 'anthropic', value: 'sig-1' }),
      ...textEvents(1, 'Done.'),
      { type: 'finish', finishReason: 'stop' },
    ]);
    expect(valid(wire)).toMatchObject({ reasoning: 'Let me think.', text: 'Done.' });
    expect(frames(wire).map((f) => (f.delta as { type?: string } | undefined)?.type ?? f.type)).toEqual([
      'message_start',
      'content_block_start',
      'thinking_delta',
      'signature_delta',
      'content_block_stop',
      'content_block_start',
      'text_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it("never sends another family's signature and skips reasoning it cannot show, keeping indices contiguous", () => {
    const wire = encode([
      { type: 'start' },
      ...reasoningEvents(0, ['gemini thinks'], { family: 'gemini', value: 'g-sig' }),
      { type: 'reasoning-start', index: 1, redacted: { family: 'openai', value: 'openai-encrypted' } },
      { type: 'reasoning-end', index: 1 },
      { type: 'reasoning-start', index: 2, redacted: { family: 'anthropic', value: 'r-data' } },
      { type: 'reasoning-end', index: 2 },
      ...textEvents(3, 'ok'),
      { type: 'finish', finishReason: 'stop' },
    ]);
    valid(wire);
    expect(wire).not.toContain('g-sig');
    expect(wire).not.toContain('openai-encrypted');
    const starts = frames(wire).filter((f) => f.type === 'content_block_start');
    expect(starts.map((f) => [f.index, (f.content_block as { type: string }).type])).toEqual([
      [0, 'thinking'],
      [1, 'redacted_thinking'],
      [2, 'text'],
    ]);
  });

  it('streams several tool calls without text, argument fragments as input_json_delta', () => {
    const wire = encode([
      { type: 'start', id: 'msg_t' },
      ...toolCallEvents(0, 'call_1', 'get_weather', '{"city":', '"Paris"}'),
      ...toolCallEvents(1, 'call_2', 'get_time'),
      { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_calls', usage: { inputTokens: 10, outputTokens: 20 } },
    ]);
    expect(valid(wire)).toMatchObject({
      finishReason: 'tool_use',
      toolCalls: [
        { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { id: 'call_2', name: 'get_time', arguments: '' },
      ],
      usage: { input_tokens: 10, output_tokens: 20 },
    });
  });

  it('reports usage that arrives only with the finish in message_delta, and zeros when there is none', () => {
    const late = encode([
      { type: 'start' },
      ...textEvents(0, 'a'),
      { type: 'finish', finishReason: 'length', usage: { inputTokens: 5, outputTokens: 9, reasoningTokens: 4 } },
    ]);
    expect(valid(late)).toMatchObject({ finishReason: 'max_tokens', usage: { input_tokens: 5, output_tokens: 9 } });
    expect(frames(late).at(-2)).toMatchObject({ usage: { output_tokens_details: { thinking_tokens: 4 } } });
    const none = valid(encode([{ type: 'start' }, ...textEvents(0, 'a'), { type: 'finish', finishReason: 'stop' }]));
    expect(none.usage).toMatchObject({ input_tokens: 0, output_tokens: 0 });
  });

  it('sends the matched stop sequence and generates an id and model when the IR has none', () => {
    const wire = encode([...textEvents(0, 'one'), { type: 'finish', finishReason: 'stop', stopSequence: 'two' }]);
    expect(valid(wire).finishReason).toBe('stop_sequence');
    expect(frames(wire).at(-2)).toMatchObject({ delta: { stop_reason: 'stop_sequence', stop_sequence: 'two' } });
    expect(frames(wire)[0]).toMatchObject({ message: { id: expect.stringMatching(/^msg_/), model: 'client-model' } });
  });

  it('answers an empty stream with message_start, message_delta and message_stop', () => {
    expect(valid(encode([{ type: 'start' }, { type: 'finish', finishReason: 'content_filter' }])).finishReason).toBe('refusal');
  });

  it('closes a block left open when the next one starts or the stream finishes', () => {
    const wire = encode([
      { type: 'start' },
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, text: 'a' },
      { type: 'tool-call-start', index: 1, id: 'c', name: 'f' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
      { type: 'finish', finishReason: 'tool_calls' },
    ]);
    expect(valid(wire)).toMatchObject({ text: 'a', toolCalls: [{ id: 'c', name: 'f', arguments: '{}' }] });
  });

  it('ends a broken stream with an error event carrying the Anthropic error JSON', () => {
    const encoder = new AnthropicStreamEncoder(context);
    const head = [{ type: 'start' } as const, ...textEvents(0, 'partial')].map((e) => encoder.encode(e)).join('');
    const tail = encoder.fail(new FluxError({ category: 'overloaded', message: 'upstream overloaded' }));
    expect(tail).toBe('event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"upstream overloaded"}}\n\n');
    expect(valid(head + tail)).toMatchObject({ endedWithError: true, text: 'partial' });
    expect(encoder.encode({ type: 'finish', finishReason: 'stop' })).toBe('');
    expect(encoder.fail(new FluxError({ category: 'server', message: 'again' }))).toBe('');
  });

  it('can fail before anything was sent, and sends nothing after the finish', () => {
    const encoder = new AnthropicStreamEncoder(context);
    expect(valid(encoder.fail(new FluxError({ category: 'timeout', message: 'idle' })))).toMatchObject({ endedWithError: true });
    const done = new AnthropicStreamEncoder(context);
    done.encode({ type: 'finish', finishReason: 'stop' });
    expect(done.encode({ type: 'text-start', index: 0 })).toBe('');
    expect(done.fail(new FluxError({ category: 'server', message: 'late' }))).toBe('');
  });

  it.each(['stream-tool-use.sse', 'stream-thinking.sse', 'stream-stop-sequence.sse', 'stream-max-tokens.sse'])(
    're-encodes decoded %s with the same content, finish and usage',
    (name) => {
      const wire = fixtureText(name);
      const decoder = new AnthropicStreamDecoder();
      const events = [...decoder.push(new TextEncoder().encode(wire)), ...decoder.end()];
      const original = validateAnthropicStream(wire);
      const again = validateAnthropicStream(encode(events));
      expect(again.errors).toEqual([]);
      const { service_tier: _tier, ...counts } = original.usage ?? {};
      expect(again).toMatchObject({
        text: original.text,
        reasoning: original.reasoning,
        toolCalls: original.toolCalls,
        finishReason: original.finishReason,
        usage: counts,
      });
    },
  );
});

describe('AnthropicStreamEncoder frames', () => {
  const piece = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.constantFrom('"', '\\', '\n', '\r\n', '\u2028', '\uD800', '\u0000', '</script>', 'data: x\n\n'),
  );

  it("writes a delta frame with its fields in the order of the SDK's types", () => {
    const encoder = new AnthropicStreamEncoder(context);
    encoder.encode({ type: 'start' });
    encoder.encode({ type: 'text-start', index: 0 });
    expect(encoder.encode({ type: 'text-delta', index: 0, text: 'Hi "you"' })).toBe(
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi \\"you\\""}}\n\n',
    );
  });

  it('writes every frame as encodeSse writes the JSON.stringify text of its object, byte for byte', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), fc.array(piece, { maxLength: 6 }), fc.array(piece, { maxLength: 6 }), (texts, thoughts, args) => {
        const wire = encode([
          { type: 'start', id: 'msg_1', model: 'claude' },
          ...reasoningEvents(0, thoughts),
          ...textEvents(1, ...texts),
          ...toolCallEvents(2, 'toolu_1', 'get_weather', ...args),
          { type: 'finish', finishReason: 'tool_calls' },
        ]);
        for (const frame of wire.split(/(?<=\n\n)/)) {
          const [eventLine, dataLine] = frame.split('\n');
          const object: unknown = JSON.parse(dataLine!.slice('data: '.length));
          expect(frame).toBe(encodeSse(JSON.stringify(object), eventLine!.slice('event: '.length)));
        }
      }),
      { numRuns: 500 },
    );
  });
});
