import type { StreamEvent } from '@fluxcore/message';
import { anthropicSimulator, decodeInPieces, type Scenario } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { parseError } from './errors.js';
import { parseResponse } from './parse-response.js';
import { AnthropicStreamDecoder } from './stream-decoder.js';

/** The hand-written testkit simulator is the upstream; the adapter must read what it renders. */
const scenario: Scenario = {
  id: 'msg_sim',
  reasoning: { text: 'Think about Paris.', signature: 'sig-sim' },
  text: 'Calling tools.',
  toolCalls: [
    { id: 'toolu_a', name: 'get_weather', arguments: { city: 'Paris' } },
    { id: 'toolu_b', name: 'get_time', arguments: {} },
  ],
  usage: { inputTokens: 500, outputTokens: 60, cachedInputTokens: 300, cacheWriteTokens: 100 },
  chunkSize: 3,
};

const decodeStream = (frames: string[]): StreamEvent[] => decodeInPieces(new AnthropicStreamDecoder(), frames.join(''));

describe('the adapter reading the Anthropic simulator', () => {
  it('parses the non-streamed answer', () => {
    expect(parseResponse(anthropicSimulator.renderResponse(scenario, 'claude-sim'))).toEqual({
      id: 'msg_sim',
      model: 'claude-sim',
      content: [
        { type: 'reasoning', text: 'Think about Paris.', signature: { family: 'anthropic', value: 'sig-sim' } },
        { type: 'text', text: 'Calling tools.' },
        { type: 'tool-call', id: 'toolu_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'tool-call', id: 'toolu_b', name: 'get_time', arguments: '{}' },
      ],
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_use',
      usage: { inputTokens: 500, outputTokens: 60, cachedInputTokens: 300, cacheWriteTokens: 100 },
      extras: { anthropic: { usage: { service_tier: 'standard' } } },
    });
  });

  it('decodes the stream into the same content, finish and usage', () => {
    const events = decodeStream(anthropicSimulator.renderStream(scenario, 'claude-sim'));
    const text = events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('');
    const reasoning = events.flatMap((e) => (e.type === 'reasoning-delta' ? [e.text] : [])).join('');
    const args = (index: number) => events.flatMap((e) => (e.type === 'tool-call-delta' && e.index === index ? [e.argumentsDelta] : [])).join('');
    expect({ text, reasoning, first: args(2), second: args(3) }).toEqual({
      text: 'Calling tools.',
      reasoning: 'Think about Paris.',
      first: '{"city":"Paris"}',
      second: '{}',
    });
    expect(events.find((e) => e.type === 'reasoning-end')).toEqual({ type: 'reasoning-end', index: 0, signature: { family: 'anthropic', value: 'sig-sim' } });
    expect(events.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_use',
      usage: { inputTokens: 500, outputTokens: 60, cachedInputTokens: 300, cacheWriteTokens: 100 },
    });
  });

  it('reads a scenario without usage as an answer without usage', () => {
    const events = decodeStream(anthropicSimulator.renderStream({ text: 'hi', usage: null }, 'm'));
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'stop', rawFinishReason: 'end_turn' });
    expect(parseResponse(anthropicSimulator.renderResponse({ text: 'hi', usage: null }, 'm')).usage).toBeUndefined();
  });

  it('classifies the simulator errors, in the body and in the stream', () => {
    const body = JSON.stringify(anthropicSimulator.renderError('overloaded', 529, 'Overloaded'));
    expect(parseError(529, body, new Headers())).toMatchObject({ category: 'overloaded', providerCode: 'overloaded_error' });
    const frames = [
      ...anthropicSimulator.renderStream({ text: 'partial' }, 'm').slice(0, 3),
      anthropicSimulator.renderStreamError('rate_limit', 'slow down') ?? '',
    ];
    expect(() => decodeStream(frames)).toThrow(expect.objectContaining({ category: 'rate_limit', message: 'slow down' }));
  });
});
