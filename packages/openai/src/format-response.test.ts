import type { ChatResponse } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load.js';
import { openai } from './index.js';

const context = { request: { messages: [], stream: false, model: 'client-model' } };

describe('formatResponse', () => {
  it('gives back the OpenAI body it parsed (same-protocol trip)', () => {
    const original = fixtureJson('response-text.json');
    expect(openai.formatResponse(openai.parseResponse(original), context)).toEqual({
      ...original,
      usage: {
        prompt_tokens: 2006,
        completion_tokens: 300,
        total_tokens: 2306,
        prompt_tokens_details: { cached_tokens: 1920 },
        completion_tokens_details: { reasoning_tokens: 256 },
      },
    });
  });

  it('formats tool calls, reasoning as reasoning_content, cache writes and the canonical finish reason', () => {
    const response: ChatResponse = {
      id: 'msg_1',
      model: 'claude-x',
      created: 5,
      content: [
        { type: 'reasoning', text: 'think', signature: { family: 'anthropic', value: 'sig' } },
        { type: 'text', text: 'Calling.' },
        { type: 'tool-call', id: 'toolu_1', name: 'f', arguments: '' },
      ],
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_use',
      usage: { inputTokens: 100, outputTokens: 20, cachedInputTokens: 60, cacheWriteTokens: 30 },
    };
    expect(openai.formatResponse(response, context)).toEqual({
      id: 'msg_1',
      object: 'chat.completion',
      created: 5,
      model: 'claude-x',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Calling.',
            refusal: null,
            reasoning_content: 'think',
            tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'f', arguments: '{}' } }],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: {
        prompt_tokens: 100,
        completion_tokens: 20,
        total_tokens: 120,
        prompt_tokens_details: { cached_tokens: 60, cache_write_tokens: 30 },
      },
    });
  });

  it.each([
    ['error', 'stop'],
    ['other', 'stop'],
    ['length', 'length'],
    ['content_filter', 'content_filter'],
  ] as const)('sends the canonical %s as %s', (reason, wire) => {
    const body = openai.formatResponse({ id: 'x', model: '', content: [], finishReason: reason }, context);
    expect(body.choices).toMatchObject([{ finish_reason: wire, message: { content: null } }]);
    expect(body.model).toBe('client-model');
    expect(body).not.toHaveProperty('usage');
  });
});
