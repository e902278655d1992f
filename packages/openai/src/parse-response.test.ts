import { deeplyNestedJson, fluxErrorOf } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load.js';
import { openai } from './index.js';

const context = { request: { messages: [], stream: false, model: 'client-model' } };

/** Objects nested 10,000 deep, as JSON text: JSON.parse reads them, JSON.stringify cannot write them back. */
const DEEP_JSON = deeplyNestedJson();

/** response-tools.json with the first call's `function.arguments` replaced. */
function toolsResponseWithArguments(args: unknown) {
  const body = fixtureJson('response-tools.json') as unknown as { choices: Array<{ message: { tool_calls: Array<{ function: { arguments: unknown } }> } }> };
  body.choices[0]!.message.tool_calls[0]!.function.arguments = args;
  return body;
}

describe('parseResponse', () => {
  it('reads text, finish reason, usage with cache and reasoning, and keeps unmodelled fields', () => {
    expect(openai.parseResponse(fixtureJson('response-text.json'))).toEqual({
      id: 'chatcmpl-Ab12Cd34',
      model: 'gpt-4.1-nano-2025-04-14',
      created: 1770933883,
      content: [{ type: 'text', text: 'Paris is the capital of France.' }],
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 2006, outputTokens: 300, cachedInputTokens: 1920, reasoningTokens: 256 },
      extras: { openai: { service_tier: 'default', system_fingerprint: 'fp_de604bd877', message: { annotations: [] } } },
    });
  });

  it('reads parallel tool calls with their ids and arguments', () => {
    const response = openai.parseResponse(fixtureJson('response-tools.json'));
    expect(response.content).toEqual([
      { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'tool-call', id: 'call_2', name: 'get_time', arguments: '{"tz":"Europe/Paris"}' },
    ]);
    expect(response.finishReason).toBe('tool_calls');
    expect(response.usage).toEqual({ inputTokens: 80, outputTokens: 40 });
  });

  it('reads DeepSeek reasoning_content and prompt_cache_hit_tokens', () => {
    const response = openai.parseResponse(fixtureJson('response-deepseek-reasoning.json'));
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'Compare 9.11 and 9.9 digit by digit.' },
      { type: 'text', text: '9.11 is smaller.' },
    ]);
    expect(response.usage).toEqual({ inputTokens: 30, outputTokens: 90, cachedInputTokens: 24, reasoningTokens: 70 });
  });

  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'tool_calls'],
    ['function_call', 'tool_calls'],
    ['content_filter', 'content_filter'],
    ['insufficient_system_resource', 'error'],
    ['something_new', 'other'],
  ])('maps finish_reason %s to %s and keeps the raw value', (raw, canonical) => {
    const body = { id: 'x', model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'a' }, finish_reason: raw }] };
    expect(openai.parseResponse(body)).toMatchObject({ finishReason: canonical, rawFinishReason: raw });
  });

  it('generates stable ids for tool calls sent without one, and a response id when missing', () => {
    const body = { choices: [{ message: { tool_calls: [{ type: 'function', function: { name: 'f', arguments: '{}' } }] }, finish_reason: null }] };
    const response = openai.parseResponse(body);
    expect(response.id).toMatch(/^chatcmpl-/);
    expect(response.content).toEqual([{ type: 'tool-call', id: `call_${response.id}_0`, name: 'f', arguments: '{}' }]);
    expect(response.finishReason).toBe('tool_calls');
    expect(response.usage).toBeUndefined();
  });

  it('reads a legacy function_call and a refusal', () => {
    const body = {
      id: 'r',
      model: 'm',
      choices: [{ message: { content: null, refusal: 'No.', function_call: { name: 'f', arguments: '{"a":1}' } }, finish_reason: 'function_call' }],
    };
    expect(openai.parseResponse(body).content).toEqual([
      { type: 'text', text: 'No.', extras: { openai: { refusal: true } } },
      { type: 'tool-call', id: 'call_r_0', name: 'f', arguments: '{"a":1}' },
    ]);
  });

  it.each([
    ['a non-object body', 'text', 'openai response body: expected a JSON object'],
    ['no choices', { id: 'x', choices: [] }, 'openai response choices: expected a non-empty array'],
    ['a choice that is not an object', { choices: [3] }, 'openai response choices[0]: expected an object'],
    ['a choice without message', { choices: [{ index: 0 }] }, 'openai response choices[0].message: expected an object'],
    [
      'content of the wrong type',
      { choices: [{ message: { content: 5 } }] },
      'openai response choices[0].message.content: expected a string, null or an array of parts',
    ],
    [
      'a tool call that is not an object',
      { choices: [{ message: { tool_calls: [1] } }] },
      'openai response choices[0].message.tool_calls[0]: expected an object',
    ],
    [
      'a tool call without name',
      { choices: [{ message: { tool_calls: [{ id: 'c', function: {} }] } }] },
      'openai response choices[0].message.tool_calls[0].function.name: expected a string',
    ],
    [
      'a legacy function call without name',
      { choices: [{ message: { function_call: { arguments: '{}' } } }] },
      'openai response choices[0].message.function_call.name: expected a string',
    ],
    ['the chosen choice without message', { choices: [{ index: 1, message: {} }, { index: 0 }] }, 'openai response choices[1].message: expected an object'],
  ])('throws upstream_protocol for %s, naming the field', (_name, body, message) => {
    expect(() => openai.parseResponse(body)).toThrow(expect.objectContaining({ category: 'upstream_protocol', message }));
  });

  it('rejects object arguments nested deeper than JSON.stringify can write as upstream_protocol, naming the field', () => {
    expect(() => openai.parseResponse(toolsResponseWithArguments(JSON.parse(DEEP_JSON)))).toThrow(
      expect.objectContaining({
        category: 'upstream_protocol',
        message: 'openai response choices[0].message.tool_calls[0].function.arguments: expected JSON nested less deeply',
      }),
    );
  });

  it('keeps string arguments nested as deeply verbatim, there and back', () => {
    const response = openai.parseResponse(toolsResponseWithArguments(DEEP_JSON));
    expect(response.content[0]).toMatchObject({ type: 'tool-call', id: 'call_1', arguments: DEEP_JSON });
    expect(openai.formatResponse(response, context)).toMatchObject({ choices: [{ message: { tool_calls: [{ function: { arguments: DEEP_JSON } }, {}] } }] });
  });

  it('classifies an error body with a field nested deeper than JSON.stringify can write by its code', () => {
    const body = { error: { message: 'slow down', code: 'rate_limit_exceeded', metadata: JSON.parse(DEEP_JSON) } };
    expect(() => openai.parseResponse(body)).toThrow(expect.objectContaining({ category: 'rate_limit', message: 'slow down' }));
  });

  it('throws the classified error for an error body sent with status 200', () => {
    const error = fluxErrorOf(() => openai.parseResponse({ error: { message: 'slow down', type: 'requests', code: 'rate_limit_exceeded' } }));
    expect(error).toMatchObject({ category: 'rate_limit', message: 'slow down' });
  });
});
