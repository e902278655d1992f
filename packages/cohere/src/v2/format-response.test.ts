import type { ChatResponse } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { cohere } from './adapter.js';

describe('cohere v2 formatResponse', () => {
  const context = { request: { messages: [], stream: false } };

  it('formats a foreign answer: text with tool calls stays content, reasoning becomes thinking, usage in both shapes', () => {
    const response: ChatResponse = {
      id: 'msg_1',
      model: 'claude',
      content: [
        { type: 'reasoning', text: 'think', signature: { family: 'anthropic', value: 'sig' } },
        { type: 'text', text: 'Calling.' },
        { type: 'tool-call', id: 'toolu_1', name: 'f', arguments: '' },
      ],
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_use',
      usage: { inputTokens: 10, outputTokens: 5, cachedInputTokens: 4 },
    };
    expect(cohere.formatResponse(response, context)).toEqual({
      id: 'msg_1',
      finish_reason: 'TOOL_CALL',
      message: {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'think' },
          { type: 'text', text: 'Calling.' },
        ],
        tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'f', arguments: '{}' } }],
      },
      usage: { billed_units: { input_tokens: 10, output_tokens: 5 }, tokens: { input_tokens: 10, output_tokens: 5 }, cached_tokens: 4 },
    });
  });

  it.each([
    ['stop', undefined, undefined, 'COMPLETE'],
    ['stop', 'end_turn', 'END', 'STOP_SEQUENCE'],
    ['length', 'max_tokens', undefined, 'MAX_TOKENS'],
    ['content_filter', 'refusal', undefined, 'COMPLETE'],
    ['error', undefined, undefined, 'ERROR'],
    ['other', undefined, undefined, 'COMPLETE'],
    ['error', 'TIMEOUT', undefined, 'TIMEOUT'],
  ] as const)('writes finish %s (raw %s, stop sequence %s) as %s', (finishReason, rawFinishReason, stopSequence, expected) => {
    const response: ChatResponse = {
      id: 'x',
      model: '',
      content: [],
      finishReason,
      ...(rawFinishReason ? { rawFinishReason } : {}),
      ...(stopSequence ? { stopSequence } : {}),
    };
    expect(cohere.formatResponse(response, context).finish_reason).toBe(expected);
  });
});
