import { deeplyNested } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../__fixtures__/load.js';
import { cohereV1 } from './adapter.js';

describe('cohere v1 parseResponse', () => {
  it('reads text, the generation id, COMPLETE and usage from meta with cached tokens', () => {
    expect(cohereV1.parseResponse(fixtureJson('v1/text.json'))).toMatchObject({
      id: '586ac33f-9c64-452c-8f8d-000000000001',
      content: [{ type: 'text', text: 'Hello from Cohere' }],
      finishReason: 'stop',
      rawFinishReason: 'COMPLETE',
      usage: { inputTokens: 82, outputTokens: 12, cachedInputTokens: 64 },
    });
  });

  it('treats COMPLETE with tool calls as a tool turn and gives the calls stable ids', () => {
    const first = cohereV1.parseResponse(fixtureJson('v1/tool-calls.json'));
    const again = cohereV1.parseResponse(fixtureJson('v1/tool-calls.json'));
    expect(first.finishReason).toBe('tool_calls');
    expect(first.content.map((p) => p.type)).toEqual(['text', 'tool-call', 'tool-call']);
    expect(first.content[1]).toMatchObject({ name: 'weather', arguments: '{"city":"Sydney"}' });
    expect(first.content).toEqual(again.content);
  });

  it.each([
    ['MAX_TOKENS', 'length'],
    ['ERROR_LIMIT', 'length'],
    ['ERROR_TOXIC', 'content_filter'],
    ['ERROR', 'error'],
    ['TIMEOUT', 'error'],
    ['STOP_SEQUENCE', 'stop'],
    ['USER_CANCEL', 'stop'],
    ['NEW_VALUE', 'other'],
    ['constructor', 'other'],
    ['toString', 'other'],
  ])('maps %s to %s', (raw, canonical) => {
    expect(cohereV1.parseResponse({ text: '', finish_reason: raw }).finishReason).toBe(canonical);
  });

  it.each([
    [[], 'cohere response: expected an object'],
    [{}, 'cohere text: expected a string'],
    [{ text: '', tool_calls: [{}] }, 'cohere tool_calls[0].name: expected a string'],
    [{ text: '', tool_calls: {} }, 'cohere tool_calls: expected an array'],
  ])('throws upstream_protocol for %j', (body, message) => {
    expect(() => cohereV1.parseResponse(body)).toThrow(expect.objectContaining({ category: 'upstream_protocol', message: expect.stringContaining(message) }));
  });
});

describe('cohere v1 parseResponse, deep nesting', () => {
  it('throws upstream_protocol for tool parameters nested deeper than JSON.stringify can write', () => {
    const body = { text: '', tool_calls: [{ name: 'f', parameters: { a: deeplyNested() } }] };
    expect(() => cohereV1.parseResponse(body)).toThrow(
      expect.objectContaining({ category: 'upstream_protocol', message: 'cohere tool_calls[0].parameters: expected JSON nested less deeply' }),
    );
  });
});
