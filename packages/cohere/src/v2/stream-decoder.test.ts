import { assertAnyCutDecodesAlike, decodeInPieces, reasoningEvents, textEvents } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { fixtureText } from '../__fixtures__/load.js';
import { cohere } from './adapter.js';

const decode = (wire: string) => decodeInPieces(cohere.createStreamDecoder(), wire);

describe('cohere v2 stream decoder', () => {
  it('decodes a text stream with usage from message-end', () => {
    const usage = { inputTokens: 480, outputTokens: 8, cachedInputTokens: 448 };
    expect(decode(fixtureText('v2/text.sse'))).toEqual([
      { type: 'start', id: '7d0c1c52-7a35-4c1e-9e0b-1a2b3c4d5e6f' },
      ...textEvents(0, 'Paris is ', 'the capital — ünïcödé ✓'),
      { type: 'usage', usage },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'COMPLETE', usage },
    ]);
  });

  it('decodes the tool plan as text, then parallel tool calls, including one with no delta', () => {
    const events = decode(fixtureText('v2/tool-calls.sse'));
    expect(events.filter((e) => e.type !== 'text-delta' && e.type !== 'tool-call-delta' && e.type !== 'usage')).toEqual([
      { type: 'start', id: 'b3e1f6a0-0001-4c1e-9e0b-000000000002' },
      { type: 'text-start', index: 0 },
      { type: 'text-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'get_weather_k2m8xq1r', name: 'get_weather' },
      { type: 'tool-call-end', index: 1 },
      { type: 'tool-call-start', index: 2, id: 'get_weather_p9z3c7d2', name: 'get_weather' },
      { type: 'tool-call-end', index: 2 },
      { type: 'tool-call-start', index: 3, id: 'current_time_q1w2e3r4', name: 'current_time' },
      { type: 'tool-call-end', index: 3 },
      { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'TOOL_CALL', usage: { inputTokens: 1500, outputTokens: 95 } },
    ]);
    const args = (index: number) => events.flatMap((e) => (e.type === 'tool-call-delta' && e.index === index ? [e.argumentsDelta] : [])).join('');
    expect(args(1)).toBe('{"city": "Oslo"}');
    expect(args(2)).toBe('{"city": "Lima"}');
    expect(args(3)).toBe('');
  });

  it('decodes thinking and text as separate blocks, skips citations and tolerates a trailing [DONE]', () => {
    const usage = { inputTokens: 300, outputTokens: 30 };
    expect(decode(fixtureText('v2/reasoning.sse'))).toEqual([
      { type: 'start', id: 'c4a5e6f7-0003-4c1e-9e0b-000000000003' },
      ...reasoningEvents(0, ['Two plus two ', 'is four.']),
      ...textEvents(1, '2 + 2 = 4'),
      { type: 'usage', usage },
      { type: 'finish', finishReason: 'length', rawFinishReason: 'MAX_TOKENS', usage },
    ]);
  });

  it('throws a classified error for message-end carrying an error', () => {
    const decoder = cohere.createStreamDecoder();
    expect(() => decodeInPieces(decoder, fixtureText('v2/error-end.sse'))).toThrow(
      expect.objectContaining({
        category: 'server',
        providerCode: 'message-end',
        message: 'cohere: internal server error, please try again',
      }),
    );
  });

  it('throws a classified error for event: error', () => {
    const wire = 'event: message-start\ndata: {"type":"message-start","id":"x"}\n\nevent: error\ndata: {"message":"rate limit exceeded"}\n\n';
    expect(() => decode(wire)).toThrow(expect.objectContaining({ category: 'rate_limit' }));
  });

  it.each([
    [
      'a stream cut before message-end',
      'event: message-start\ndata: {"type":"message-start"}\n\n',
      'cohere stream: expected message-end before the stream ends',
    ],
    ['invalid JSON', 'event: content-delta\ndata: {"type":\n\n', 'cohere stream event: expected JSON, got "{\\"type\\":"'],
    ['data that is not an object', 'data: "text"\n\n', 'cohere stream event: expected an object'],
    ['a tool delta outside a call', 'data: {"type":"tool-call-delta","index":0,"delta":{}}\n\n', 'cohere tool-call-delta: expected an open tool call'],
    [
      'a tool call without a name',
      'data: {"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"x"}}}}\n\n',
      'cohere tool-call-start.delta.message.tool_calls.function.name: expected a string',
    ],
  ])('throws upstream_protocol for %s', (_, wire, message) => {
    expect(() => decode(wire)).toThrow(expect.objectContaining({ category: 'upstream_protocol', message: expect.stringContaining(message) }));
  });

  it.each(['v2/text.sse', 'v2/tool-calls.sse', 'v2/reasoning.sse'])('gives the same events for any split of the bytes of %s', (name) =>
    assertAnyCutDecodesAlike(() => cohere.createStreamDecoder(), fixtureText(name)),
  );
});
