import { deeplyNested } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../__fixtures__/load.js';
import { cohere } from './adapter.js';

describe('cohere v2 parseResponse', () => {
  it('reads text, COMPLETE and usage from tokens with cached tokens inside the input', () => {
    const response = cohere.parseResponse(fixtureJson('v2/text.json'));
    expect(response).toMatchObject({
      id: '7d0c1c52-7a35-4c1e-9e0b-1a2b3c4d5e6f',
      content: [{ type: 'text', text: 'Paris is the capital.' }],
      finishReason: 'stop',
      rawFinishReason: 'COMPLETE',
      usage: { inputTokens: 480, outputTokens: 6, cachedInputTokens: 448 },
    });
  });

  it('reads the tool plan as marked text, then the tool calls with their ids and raw arguments', () => {
    const response = cohere.parseResponse(fixtureJson('v2/tool-calls.json'));
    expect(response.finishReason).toBe('tool_calls');
    expect(response.content).toEqual([
      { type: 'text', text: 'I will check the weather in both cities.', extras: { cohere: { tool_plan: true } } },
      { type: 'tool-call', id: 'get_weather_k2m8xq1r', name: 'get_weather', arguments: '{"city": "Oslo"}' },
      { type: 'tool-call', id: 'get_weather_p9z3c7d2', name: 'get_weather', arguments: '{"city": "Lima"}' },
      { type: 'tool-call', id: 'current_time_q1w2e3r4', name: 'current_time', arguments: 'null' },
    ]);
  });

  it('reads thinking before text, maps MAX_TOKENS to length, keeps citations and logprobs in extras', () => {
    const response = cohere.parseResponse(fixtureJson('v2/reasoning.json'));
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'Two plus two is four.' },
      { type: 'text', text: '2 + 2 = 4' },
    ]);
    expect(response.finishReason).toBe('length');
    expect(response.extras?.cohere).toMatchObject({ logprobs: [{ text: '2' }], message: { citations: [{ text: '2 + 2 = 4' }] } });
  });

  it.each([
    ['STOP_SEQUENCE', 'stop'],
    ['ERROR', 'error'],
    ['TIMEOUT', 'error'],
    ['SOMETHING_NEW', 'other'],
    ['constructor', 'other'],
    ['hasOwnProperty', 'other'],
  ])('maps %s to %s', (raw, canonical) => {
    expect(cohere.parseResponse({ id: 'x', finish_reason: raw, message: { role: 'assistant' } }).finishReason).toBe(canonical);
  });

  it('falls back to billed units when tokens are absent, and reports no usage when there is none', () => {
    expect(cohere.parseResponse({ finish_reason: 'COMPLETE', message: {}, usage: { billed_units: { input_tokens: 3, output_tokens: 4 } } }).usage).toEqual({
      inputTokens: 3,
      outputTokens: 4,
    });
    expect(cohere.parseResponse({ finish_reason: 'COMPLETE', message: {} }).usage).toBeUndefined();
  });

  it.each([
    [null, 'cohere response: expected an object'],
    [{ message: {} }, 'cohere finish_reason: expected a string'],
    [{ finish_reason: 'COMPLETE' }, 'cohere message: expected an object'],
    [{ finish_reason: 'COMPLETE', message: { content: 3 } }, 'cohere message.content: expected a string or an array'],
    [{ finish_reason: 'COMPLETE', message: { content: ['text'] } }, 'cohere message.content[0]: expected an object'],
    [{ finish_reason: 'COMPLETE', message: { tool_calls: {} } }, 'cohere message.tool_calls: expected an array'],
    [{ finish_reason: 'COMPLETE', message: { tool_calls: [{ id: 'x' }] } }, 'cohere message.tool_calls[0].function.name: expected a string'],
  ])('throws upstream_protocol for %j', (body, message) => {
    expect(() => cohere.parseResponse(body)).toThrow(expect.objectContaining({ category: 'upstream_protocol', message: expect.stringContaining(message) }));
  });
});

describe('cohere v2 parseResponse, deep nesting', () => {
  it('throws upstream_protocol for tool arguments nested deeper than JSON.stringify can write', () => {
    const body = {
      finish_reason: 'TOOL_CALL',
      message: { tool_calls: [{ id: 'x', function: { name: 'f', arguments: { a: deeplyNested() } } }] },
    };
    expect(() => cohere.parseResponse(body)).toThrow(
      expect.objectContaining({ category: 'upstream_protocol', message: 'cohere message.tool_calls[0].function.arguments: expected JSON nested less deeply' }),
    );
  });
});
