import type { ChatResponse } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { cohereV1 } from './adapter.js';

const context = { request: { messages: [], stream: false } };

describe('cohere v1 formatResponse', () => {
  it('formats a foreign answer: tool calls as objects, reasoning dropped, finish per v1', () => {
    const response: ChatResponse = {
      id: 'chatcmpl-1',
      model: 'gpt',
      content: [
        { type: 'reasoning', text: 'hidden' },
        { type: 'text', text: 'Sure.' },
        { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{"a":1}' },
        { type: 'tool-call', id: 'call_2', name: 'g', arguments: 'oops' },
      ],
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_calls',
      usage: { inputTokens: 10, outputTokens: 3 },
    };
    expect(cohereV1.formatResponse(response, context)).toEqual({
      text: 'Sure.',
      generation_id: 'chatcmpl-1',
      finish_reason: 'COMPLETE',
      tool_calls: [
        { name: 'f', parameters: { a: 1 } },
        { name: 'g', parameters: {} },
      ],
      meta: { api_version: { version: '1' }, billed_units: { input_tokens: 10, output_tokens: 3 }, tokens: { input_tokens: 10, output_tokens: 3 } },
    });
  });

  it.each([
    ['content_filter', 'ERROR_TOXIC'],
    ['length', 'MAX_TOKENS'],
    ['error', 'ERROR'],
    ['other', 'COMPLETE'],
  ] as const)('writes %s as %s', (finishReason, expected) => {
    expect(cohereV1.formatResponse({ id: 'x', model: '', content: [], finishReason }, context).finish_reason).toBe(expected);
  });
});
