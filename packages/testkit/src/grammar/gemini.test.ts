import { describe, expect, it } from 'vitest';
import type { Scenario } from '@fluxcore/adapter-kit';
import { geminiSimulator } from '../simulators/gemini.js';
import { validateGeminiStream } from './gemini.js';

const chunk = (body: object) => `data: ${JSON.stringify(body)}\n\n`;
const text = (value: string, extra: object = {}) => ({
  candidates: [{ content: { parts: [{ text: value }], role: 'model' }, index: 0, ...extra }],
  responseId: 'r',
});
const last = (value: string) => text(value, { finishReason: 'STOP' });

describe('validateGeminiStream', () => {
  it('accepts a well-formed stream and reports what it carried', () => {
    const wire =
      chunk({
        candidates: [{ content: { parts: [{ text: 'think', thought: true }], role: 'model' }, index: 0 }],
        usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 },
        responseId: 'r',
      }) +
      chunk(text('Hi')) +
      chunk({
        candidates: [
          {
            content: { parts: [{ functionCall: { name: 'f', args: { a: 1 } } }, { functionCall: { name: 'g' } }], role: 'model' },
            finishReason: 'STOP',
            index: 0,
          },
        ],
        usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 3, thoughtsTokenCount: 2, totalTokenCount: 10 },
        responseId: 'r',
      });
    expect(validateGeminiStream(wire)).toEqual({
      errors: [],
      text: 'Hi',
      reasoning: 'think',
      toolCalls: [
        { name: 'f', arguments: '{"a":1}' },
        { name: 'g', arguments: '{}' },
      ],
      finishReason: 'STOP',
      usage: { promptTokenCount: 5, candidatesTokenCount: 3, thoughtsTokenCount: 2, totalTokenCount: 10 },
      endedWithError: false,
    });
  });

  it.each([
    ['an event: line', `event: message\n${chunk(last('x'))}`, 'does not start with "data:"'],
    ['two data lines in one event', `data: {"a":\ndata: 1}\n\n${chunk(last('x'))}`, 'more than one line'],
    ['a [DONE] line', `${chunk(last('x'))}data: [DONE]\n\n`, 'data after the chunk with finishReason'],
    ['no finishReason', chunk(text('x')), 'no chunk carries a finishReason'],
    ['two finish chunks', chunk(last('x')) + chunk(last('y')), 'data after the chunk with finishReason'],
    ['an unterminated last event', `data: ${JSON.stringify(last('x'))}`, 'unterminated event'],
    ['empty parts', chunk({ candidates: [{ content: { parts: [], role: 'model' }, finishReason: 'STOP' }] }), 'content.parts is empty'],
    ['a missing role', chunk({ candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: 'STOP' }] }), 'not "model"'],
    [
      'a part with two data fields',
      chunk({ candidates: [{ content: { parts: [{ text: 'x', functionCall: { name: 'f' } }], role: 'model' }, finishReason: 'STOP' }] }),
      'has 2 data fields',
    ],
    [
      'arguments that are not an object',
      chunk({ candidates: [{ content: { parts: [{ functionCall: { name: 'f', args: '{}' } }], role: 'model' }, finishReason: 'STOP' }] }),
      'args is not an object',
    ],
    ['an unknown finishReason', chunk(text('x', { finishReason: 'DONE' })), 'unknown finishReason'],
    [
      'usage that goes down',
      chunk({ ...text('x'), usageMetadata: { promptTokenCount: 5 } }) + chunk({ ...last('y'), usageMetadata: { promptTokenCount: 4 } }),
      'went down',
    ],
    ['usage missing on the last chunk', chunk({ ...text('x'), usageMetadata: { promptTokenCount: 5 } }) + chunk(last('y')), 'no usageMetadata'],
    ['a wrong total', chunk({ ...last('x'), usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 1, totalTokenCount: 9 } }), 'totalTokenCount'],
    ['a changing response id', chunk(text('x')) + chunk({ ...last('y'), responseId: 'other' }), 'responseId changed'],
    ['an error code the SDK ignores', chunk({ error: { code: 'UNAVAILABLE', message: 'x', status: 'UNAVAILABLE' } }), 'error.code'],
    ['data after an error', chunk({ error: { code: 503, message: 'x', status: 'UNAVAILABLE' } }) + chunk(last('x')), 'after the error chunk'],
    ['nothing at all', '', 'no events'],
  ])('reports %s', (_, wire, message) => {
    expect(validateGeminiStream(wire).errors.join('\n')).toContain(message);
  });

  it('accepts a stream ended by an error chunk', () => {
    const result = validateGeminiStream(chunk(text('x')) + chunk({ error: { code: 503, message: 'busy', status: 'UNAVAILABLE' } }));
    expect(result).toMatchObject({ errors: [], endedWithError: true, text: 'x' });
  });

  it('accepts a prompt blocked with only promptFeedback', () => {
    expect(validateGeminiStream(chunk({ promptFeedback: { blockReason: 'SAFETY' }, responseId: 'r' }))).toMatchObject({ errors: [], finishReason: 'SAFETY' });
  });
});

describe('geminiSimulator', () => {
  const call = (path: string, query = '', headers: Record<string, string> = {}) => ({ path, query, headers, body: {} });

  it('routes generateContent and streamGenerateContent under v1beta and v1, decoding the model', () => {
    expect(geminiSimulator.route(call('/v1beta/models/gemini-2.5-flash:generateContent'))).toEqual({ stream: false, model: 'gemini-2.5-flash' });
    expect(geminiSimulator.route(call('/v1/models/my%20model:streamGenerateContent', 'alt=sse'))).toEqual({ stream: true, model: 'my model' });
    expect(geminiSimulator.route(call('/v1/chat/completions'))).toBeUndefined();
  });

  it('reads the key from x-goog-api-key or ?key=', () => {
    expect(geminiSimulator.apiKeyOf(call('/', '', { 'x-goog-api-key': 'k1' }))).toBe('k1');
    expect(geminiSimulator.apiKeyOf(call('/', 'alt=sse&key=k2'))).toBe('k2');
  });

  it('renders streams that pass the validator with the scenario’s content', () => {
    const scenario: Scenario = {
      reasoning: { text: 'Let me think', signature: 'sig' },
      text: 'Héllo wörld',
      toolCalls: [
        { name: 'f', arguments: { a: 1 } },
        { name: 'g', arguments: {} },
      ],
      usage: { inputTokens: 20, cachedInputTokens: 5, outputTokens: 9, reasoningTokens: 4 },
    };
    const result = validateGeminiStream(geminiSimulator.renderStream(scenario, 'gemini-2.5-flash').join(''));
    expect(result).toMatchObject({ errors: [], text: 'Héllo wörld', reasoning: 'Let me think', finishReason: 'STOP' });
    expect(result.usage).toEqual({ promptTokenCount: 20, cachedContentTokenCount: 5, candidatesTokenCount: 5, thoughtsTokenCount: 4, totalTokenCount: 29 });
    expect(result.toolCalls).toEqual([
      { name: 'f', arguments: '{"a":1}' },
      { name: 'g', arguments: '{}' },
    ]);
  });

  it('renders errors in the google.rpc.Status shape, in and out of streams', () => {
    expect(geminiSimulator.renderError('rate_limit', 429, 'slow')).toEqual({ error: { code: 429, message: 'slow', status: 'RESOURCE_EXHAUSTED' } });
    expect(validateGeminiStream(geminiSimulator.renderStreamError('overloaded', 'busy') ?? '')).toMatchObject({ errors: [], endedWithError: true });
  });
});
