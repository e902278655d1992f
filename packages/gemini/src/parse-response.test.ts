import type { FluxError } from '@fluxcore/errors';
import { deeplyNested, fluxErrorOf } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load.js';
import { gemini } from './adapter.js';

const rejection = (body: unknown): FluxError => fluxErrorOf(() => gemini.parseResponse(body));

describe('gemini.parseResponse', () => {
  it('reads thoughts, parallel calls with stable generated ids, and tool_calls for STOP with calls', () => {
    const response = gemini.parseResponse(fixtureJson('response-parallel-calls.json'));
    expect(response).toMatchObject({ id: 'resp-weather-1', model: 'gemini-2.5-flash', finishReason: 'tool_calls', rawFinishReason: 'STOP' });
    expect(response.content[0]).toEqual({ type: 'reasoning', text: 'Comparing the two cities first.' });
    expect(response.content.slice(1)).toMatchObject([
      { type: 'tool-call', name: 'get_weather', arguments: '{"city":"Oslo"}', signature: { family: 'gemini', value: 'c2lnLWNhbGwtMQ==' } },
      { type: 'tool-call', name: 'get_weather', arguments: '{"city":"Bergen"}' },
    ]);
    const again = gemini.parseResponse(fixtureJson('response-parallel-calls.json'));
    expect(again.content).toEqual(response.content);
  });

  it('maps usage: prompt includes cache, output is candidates plus thoughts', () => {
    expect(gemini.parseResponse(fixtureJson('response-parallel-calls.json')).usage).toEqual({
      inputTokens: 120,
      cachedInputTokens: 100,
      outputTokens: 58,
      reasoningTokens: 40,
    });
  });

  it('keeps a signature on an empty trailing text part and maps MAX_TOKENS to length', () => {
    const response = gemini.parseResponse(fixtureJson('response-text.json'));
    expect(response.content).toEqual([
      { type: 'text', text: 'Oslo is cold today.' },
      { type: 'text', text: '', signature: { family: 'gemini', value: 'c2lnLXRleHQ=' } },
    ]);
    expect(response.finishReason).toBe('length');
  });

  it('reads a blocked prompt as a content_filter answer with no content', () => {
    const response = gemini.parseResponse(fixtureJson('response-blocked.json'));
    expect(response).toMatchObject({ content: [], finishReason: 'content_filter', rawFinishReason: 'SAFETY', usage: { inputTokens: 12, outputTokens: 0 } });
  });

  it.each([
    ['RECITATION', 'content_filter'],
    ['LANGUAGE', 'other'],
    ['SAFETY', 'content_filter'],
    ['PROHIBITED_CONTENT', 'content_filter'],
    ['MALFORMED_FUNCTION_CALL', 'error'],
    ['OTHER', 'other'],
    ['SOMETHING_NEW', 'other'],
  ])('maps finishReason %s to %s', (raw, reason) => {
    const response = gemini.parseResponse({ candidates: [{ content: { role: 'model', parts: [{ text: 'x' }] }, finishReason: raw }] });
    expect(response.finishReason).toBe(reason);
    expect(response.rawFinishReason).toBe(raw);
  });

  it('counts tool-use prompt tokens as input', () => {
    const response = gemini.parseResponse({
      candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: 'STOP' }],
      usageMetadata: { promptTokenCount: 10, toolUsePromptTokenCount: 5, candidatesTokenCount: 2 },
    });
    expect(response.usage).toEqual({ inputTokens: 15, outputTokens: 2 });
  });

  it.each(['constructor', '__proto__', 'toString'])('maps a finishReason named like an Object member (%s) to other', (finishReason) => {
    const response = gemini.parseResponse({ candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason }] });
    expect(response).toMatchObject({ finishReason: 'other', rawFinishReason: finishReason });
  });

  it('throws the classified error for an error object in a 200 body', () => {
    const error = rejection({ error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } });
    expect(error).toMatchObject({ category: 'overloaded', message: 'The model is overloaded.', providerCode: 'UNAVAILABLE' });
  });

  it.each([
    ['a string', 'hello'],
    ['no candidates', { usageMetadata: { promptTokenCount: 1 } }],
    ['a bad part', { candidates: [{ content: { parts: ['text'] } }] }],
    ['a call without a name', { candidates: [{ content: { parts: [{ functionCall: { args: {} } }] } }] }],
    ['a negative count', { candidates: [{ content: { parts: [{ text: 'x' }] } }], usageMetadata: { promptTokenCount: -1 } }],
    [
      'call args nested deeper than JSON.stringify can write',
      { candidates: [{ content: { parts: [{ functionCall: { name: 'f', args: { a: deeplyNested() } } }] } }] },
    ],
  ])('rejects %s as upstream_protocol', (_, body) => {
    expect(rejection(body).category).toBe('upstream_protocol');
  });
});

describe('gemini.formatResponse', () => {
  const context = { request: { model: 'gemini-2.5-flash', messages: [], stream: false } };

  it('renders an answer from another provider with ids on calls, its thoughts unsigned, and Gemini usage', () => {
    const body = gemini.formatResponse(
      {
        id: 'msg_1',
        model: 'claude-sonnet-4-5',
        content: [
          { type: 'reasoning', text: 'hidden', signature: { family: 'anthropic', value: 'anthropic-sig' } },
          { type: 'text', text: 'Calling.' },
          { type: 'tool-call', id: 'toolu_1', name: 'f', arguments: '{"x":1}' },
          { type: 'tool-call', id: 'toolu_2', name: 'g', arguments: '{"trunc' },
        ],
        finishReason: 'tool_calls',
        rawFinishReason: 'tool_use',
        usage: { inputTokens: 30, cachedInputTokens: 10, cacheWriteTokens: 5, outputTokens: 12, reasoningTokens: 4 },
      },
      context,
    );
    expect(body).toEqual({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'hidden', thought: true },
              { text: 'Calling.' },
              { functionCall: { id: 'toolu_1', name: 'f', args: { x: 1 } } },
              { functionCall: { id: 'toolu_2', name: 'g', args: {} } },
            ],
          },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: { promptTokenCount: 30, cachedContentTokenCount: 10, candidatesTokenCount: 8, thoughtsTokenCount: 4, totalTokenCount: 42 },
      modelVersion: 'claude-sonnet-4-5',
      responseId: 'msg_1',
    });
  });

  it.each([
    ['stop', undefined, 'STOP'],
    ['length', 'max_tokens', 'MAX_TOKENS'],
    ['content_filter', 'refusal', 'SAFETY'],
    ['content_filter', 'RECITATION', 'RECITATION'],
    ['other', 'LANGUAGE', 'LANGUAGE'],
    ['error', 'ERROR', 'OTHER'],
  ] as const)('writes finish reason %s (raw %s) as %s', (finishReason, rawFinishReason, expected) => {
    const response = {
      id: 'r',
      model: 'm',
      content: [{ type: 'text' as const, text: 'x' }],
      finishReason,
      ...(rawFinishReason === undefined ? {} : { rawFinishReason }),
    };
    const body = gemini.formatResponse(response, context) as { candidates: Array<{ finishReason: string }> };
    expect(body.candidates[0]?.finishReason).toBe(expected);
  });

  it('omits content for an answer with nothing in it', () => {
    const body = gemini.formatResponse({ id: 'r', model: '', content: [], finishReason: 'content_filter' }, context);
    expect(body).toEqual({ candidates: [{ finishReason: 'SAFETY', index: 0 }], modelVersion: 'gemini-2.5-flash', responseId: 'r' });
  });
});
