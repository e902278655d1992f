import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load.js';
import { parseResponse } from './parse-response.js';

describe('parseResponse', () => {
  it('reads thinking, text and parallel tool calls with cache-inclusive input usage', () => {
    const response = parseResponse(fixtureJson('response-tool-use.json'));
    expect(response).toMatchObject({
      id: 'msg_01VdEjxAP5ahtHKrrRdNBteQ',
      model: 'claude-sonnet-4-5-20250929',
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_use',
      usage: { inputTokens: 602 + 100 + 1500, outputTokens: 93, cachedInputTokens: 1500, cacheWriteTokens: 100 },
    });
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'Two cities, two calls.', signature: { family: 'anthropic', value: 'EqQBsig-response' } },
      { type: 'text', text: "I'll check the weather.", extras: { anthropic: { citations: null } } },
      { type: 'tool-call', id: 'toolu_01LRmxn9', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'tool-call', id: 'toolu_01Xq8Lm2', name: 'get_weather', arguments: '{"city":"Lyon"}' },
    ]);
  });

  it('reads the matched stop sequence', () => {
    expect(parseResponse(fixtureJson('response-stop-sequence.json'))).toMatchObject({
      finishReason: 'stop',
      rawFinishReason: 'stop_sequence',
      stopSequence: 'three',
      usage: { inputTokens: 9 },
    });
  });

  it('maps a refusal with no content to content_filter and keeps stop_details', () => {
    const response = parseResponse(fixtureJson('response-refusal.json'));
    expect(response).toMatchObject({
      content: [],
      finishReason: 'content_filter',
      extras: { anthropic: { stop_details: { type: 'refusal', category: 'cyber' } } },
    });
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['pause_turn', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['something_new', 'other'],
    ['constructor', 'other'],
    ['toString', 'other'],
  ])('maps stop_reason %s to %s', (stop_reason, finishReason) => {
    const body = { ...fixtureJson('response-stop-sequence.json'), stop_reason };
    expect(parseResponse(body)).toMatchObject({ finishReason, rawFinishReason: stop_reason });
  });

  it.each([
    ['a non-object', 'nope', 'anthropic response: expected an object'],
    ['an error body', { type: 'error', error: { type: 'api_error', message: 'x' } }, 'got an error body'],
    ['content that is not an array', { id: 'm', content: 'x', stop_reason: 'end_turn' }, 'anthropic response.content: expected an array'],
    [
      'a tool_use without id',
      { id: 'm', content: [{ type: 'tool_use', name: 'f', input: {} }], stop_reason: 'tool_use' },
      'response.content[0].id: expected a string',
    ],
    ['no stop_reason', { id: 'm', content: [] }, 'response.stop_reason: expected a string'],
    [
      'tool_use input nested deeper than JSON.stringify can write',
      {
        id: 'm',
        content: [{ type: 'tool_use', id: 't', name: 'f', input: JSON.parse(`{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`) }],
        stop_reason: 'tool_use',
      },
      'response.content[0].input: expected JSON nested less deeply',
    ],
  ])('throws upstream_protocol for %s', (_name, body, message) => {
    expect(() => parseResponse(body)).toThrow(expect.objectContaining({ category: 'upstream_protocol', message: expect.stringContaining(message) }));
  });
});
