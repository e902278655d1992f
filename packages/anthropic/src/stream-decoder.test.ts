import type { StreamEvent } from '@fluxcore/message';
import { assertAnyCutDecodesAlike, decodeInPieces, reasoningEvents, textEvents, toolCallEvents } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { fixtureText } from './__fixtures__/load.js';
import { AnthropicStreamDecoder } from './stream-decoder.js';

const bytes = (text: string) => new TextEncoder().encode(text);

const decode = (wire: string): StreamEvent[] => decodeInPieces(new AnthropicStreamDecoder(), wire);

describe('AnthropicStreamDecoder', () => {
  it('decodes text and parallel tool calls, ignoring ping, with message_delta usage winning', () => {
    const input = { inputTokens: 1397, cachedInputTokens: 1000, cacheWriteTokens: 20 };
    const usage = { ...input, outputTokens: 65 };
    expect(decode(fixtureText('stream-tool-use.sse'))).toEqual([
      { type: 'start', id: 'msg_019Q1hrJbZ', model: 'claude-sonnet-4-5' },
      { type: 'usage', usage: input },
      ...textEvents(0, 'Je vérifie ', 'la météo ☀️ à Paris.'),
      ...toolCallEvents(1, 'toolu_01NRLabs', 'get_weather', '{"ci', 'ty": "Paris"}'),
      ...toolCallEvents(2, 'toolu_02Lyon', 'get_time'),
      { type: 'usage', usage },
      { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_use', usage },
    ]);
  });

  it('decodes thinking with its signature, redacted thinking, and a ping inside a block', () => {
    const events = decode(fixtureText('stream-thinking.sse'));
    expect(events.filter((e) => e.type !== 'usage')).toEqual([
      { type: 'start', id: 'msg_01Think', model: 'claude-opus-4-5' },
      ...reasoningEvents(0, ['The previous result ', 'was 925.'], { family: 'anthropic', value: 'EvQBCkYICxgCKkAx-signature' }),
      { type: 'reasoning-start', index: 1, redacted: { family: 'anthropic', value: 'EmwKAhgBEgy3-redacted' } },
      { type: 'reasoning-end', index: 1 },
      ...textEvents(2, 'The answer ', 'is 925.'),
      {
        type: 'finish',
        finishReason: 'stop',
        rawFinishReason: 'end_turn',
        usage: { inputTokens: 69, outputTokens: 53, cachedInputTokens: 0, cacheWriteTokens: 0 },
      },
    ]);
  });

  it('skips server-tool blocks and citations, keeping IR indices contiguous', () => {
    const events = decode(fixtureText('stream-server-tool.sse'));
    expect(events.filter((e) => e.type !== 'usage' && e.type !== 'start')).toEqual([
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, text: 'A router.' },
      { type: 'text-end', index: 0 },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'pause_turn', usage: { inputTokens: 40, outputTokens: 12 } },
    ]);
  });

  it('reports the matched stop sequence and a tool call cut by max_tokens', () => {
    expect(decode(fixtureText('stream-stop-sequence.sse')).at(-1)).toMatchObject({
      finishReason: 'stop',
      rawFinishReason: 'stop_sequence',
      stopSequence: 'three',
    });
    const cut = decode(fixtureText('stream-max-tokens.sse'));
    expect(cut.filter((e) => e.type === 'tool-call-delta')).toEqual([{ type: 'tool-call-delta', index: 0, argumentsDelta: '{"path": "a.txt", "conte' }]);
    expect(cut.at(-1)).toMatchObject({ finishReason: 'length', rawFinishReason: 'max_tokens' });
  });

  it('throws the classified error for an error event after a 200, as first event or mid-stream', () => {
    const overloaded = expect.objectContaining({ category: 'overloaded', providerCode: 'overloaded_error', message: 'Overloaded', retryable: true });
    expect(() => decode(fixtureText('stream-error-after-200.sse'))).toThrow(overloaded);
    const first = 'event: error\ndata: {"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}\n\n';
    expect(() => decode(first)).toThrow(expect.objectContaining({ category: 'rate_limit' }));
    expect(() => decode('event: error\ndata: {"type":"error"}\n\n')).toThrow(expect.objectContaining({ category: 'server' }));
  });

  it('reads an error event whose type is named like an Object member, or whose message is empty, as a server error', () => {
    const wire = 'event: error\ndata: {"type":"error","error":{"type":"constructor","message":""}}\n\n';
    expect(() => decode(wire)).toThrow(
      expect.objectContaining({ category: 'server', providerCode: 'constructor', message: 'anthropic stream error (constructor)' }),
    );
  });

  it('yields the events completed so far before an error event', () => {
    const decoder = new AnthropicStreamDecoder();
    const wire = fixtureText('stream-error-after-200.sse');
    const cut = wire.indexOf('event: error');
    expect(decoder.push(bytes(wire.slice(0, cut))).map((e) => e.type)).toEqual(['start', 'usage', 'text-start', 'text-delta']);
    expect(() => decoder.push(bytes(wire.slice(cut)))).toThrow(expect.objectContaining({ category: 'overloaded' }));
  });

  it('throws upstream_protocol from end() when message_stop never came', () => {
    const wire = fixtureText('stream-tool-use.sse');
    const truncated = wire.slice(0, wire.indexOf('event: message_stop'));
    expect(() => decode(truncated)).toThrow(expect.objectContaining({ category: 'upstream_protocol', message: expect.stringContaining('message_stop') }));
  });

  it.each([
    ['data that is not JSON', 'event: message_start\ndata: {nope\n\n', 'expected JSON'],
    ['data that is JSON but not an object', 'event: message_start\ndata: [1]\n\n', 'stream event data: expected an object'],
    [
      'a block before message_start',
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
      'message_start first',
    ],
    [
      'a second message_start',
      'event: message_start\ndata: {"type":"message_start","message":{}}\n\nevent: message_start\ndata: {"type":"message_start","message":{}}\n\n',
      'a single message_start',
    ],
    [
      'a block index that skips',
      'event: message_start\ndata: {"type":"message_start","message":{}}\n\nevent: content_block_start\ndata: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}\n\n',
      'content_block_start.index: expected 0, got 1',
    ],
    [
      'a delta that does not fit its block',
      'event: message_start\ndata: {"type":"message_start","message":{}}\n\nevent: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\nevent: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{"}}\n\n',
      'a delta for a text block',
    ],
    [
      'a tool_use without a name',
      'event: message_start\ndata: {"type":"message_start","message":{}}\n\nevent: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t"}}\n\n',
      'a tool_use with string id and name',
    ],
    [
      'a block index nested deeper than JSON.stringify can write',
      `event: message_start\ndata: {"type":"message_start","message":{}}\n\nevent: content_block_start\ndata: {"type":"content_block_start","index":${'['.repeat(10_000)}${']'.repeat(10_000)},"content_block":{"type":"text","text":""}}\n\n`,
      'content_block_start.index: expected 0, got an array',
    ],
    [
      'tool_use input nested deeper than JSON.stringify can write',
      `event: message_start\ndata: {"type":"message_start","message":{}}\n\nevent: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t","name":"f","input":{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}}}\n\n`,
      'content_block_start[0].content_block.input: expected JSON nested less deeply',
    ],
    [
      'message_stop without a stop reason',
      'event: message_start\ndata: {"type":"message_start","message":{}}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n',
      'a stop_reason before message_stop',
    ],
  ])('throws upstream_protocol for %s', (_name, wire, message) => {
    expect(() => decode(wire)).toThrow(expect.objectContaining({ category: 'upstream_protocol', message: expect.stringContaining(message) }));
  });

  it('ignores anything after message_stop, even an error event', () => {
    const wire = fixtureText('stream-stop-sequence.sse') + 'event: error\ndata: {"type":"error","error":{"type":"api_error","message":"late"}}\n\n';
    expect(decode(wire).at(-1)).toMatchObject({ type: 'finish', stopSequence: 'three' });
  });

  it('reads data-only frames by their JSON type and ignores unknown event types', () => {
    const wire = fixtureText('stream-stop-sequence.sse').replace(/^event: .*\n/gm, '') + 'event: future_event\ndata: {"type":"future_event"}\n\n';
    expect(decode(wire).at(-1)).toMatchObject({ type: 'finish', stopSequence: 'three' });
  });

  it.each(['stream-tool-use.sse', 'stream-thinking.sse', 'stream-server-tool.sse', 'stream-max-tokens.sse'])(
    'gives the same events for any byte split of %s',
    (name) => assertAnyCutDecodesAlike(() => new AnthropicStreamDecoder(), fixtureText(name)),
  );
});
