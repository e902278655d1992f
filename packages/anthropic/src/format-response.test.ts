import type { ChatResponse, InboundContext, JsonObject } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load.js';
import { formatResponse } from './format-response.js';
import { parseResponse } from './parse-response.js';

const context: InboundContext = { request: { model: 'asked-model', messages: [], stream: false } };

describe('formatResponse', () => {
  it.each(['response-tool-use.json', 'response-server-tool.json', 'response-refusal.json', 'response-stop-sequence.json'])(
    'gives back %s unchanged after parseResponse (same-protocol trip)',
    (name) => {
      const wire = fixtureJson(name);
      const formatted = formatResponse(parseResponse(wire), context);
      // Absent cache counts come back as explicit zeros, which mean the same.
      expect(formatted).toEqual({ ...wire, usage: { cache_creation_input_tokens: 0, cache_read_input_tokens: 0, ...(wire.usage as JsonObject) } });
    },
  );

  it('splits IR input back into uncached, cache write and cache read counts', () => {
    const response: ChatResponse = {
      id: 'chatcmpl-1',
      model: 'gpt-4.1',
      content: [{ type: 'text', text: 'hi' }],
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 1000, outputTokens: 50, cachedInputTokens: 600, cacheWriteTokens: 100, reasoningTokens: 20 },
    };
    expect(formatResponse(response, context)).toEqual({
      id: 'chatcmpl-1',
      type: 'message',
      role: 'assistant',
      model: 'gpt-4.1',
      content: [{ type: 'text', text: 'hi' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 300,
        cache_creation_input_tokens: 100,
        cache_read_input_tokens: 600,
        output_tokens: 50,
        output_tokens_details: { thinking_tokens: 20 },
      },
    });
  });

  it('shows foreign reasoning without its signature, drops foreign redacted reasoning, and shows bad tool arguments as {}', () => {
    const formatted = formatResponse(
      {
        id: '',
        model: '',
        content: [
          { type: 'reasoning', text: 'gemini thought', signature: { family: 'gemini', value: 'g-sig' } },
          { type: 'reasoning', text: '', redacted: { family: 'openai', value: 'enc' } },
          { type: 'tool-call', id: 'c1', name: 'f', arguments: '{"a":' },
        ],
        finishReason: 'tool_calls',
      },
      context,
    );
    expect(formatted.content).toEqual([
      { type: 'thinking', thinking: 'gemini thought', signature: '' },
      { type: 'tool_use', id: 'c1', name: 'f', input: {} },
    ]);
    expect(formatted).toMatchObject({ model: 'asked-model', stop_reason: 'tool_use', usage: { input_tokens: 0, output_tokens: 0 } });
    expect(formatted.id).toMatch(/^msg_/);
  });

  it.each([
    ['stop', undefined, undefined, 'end_turn'],
    ['stop', 'STOP', 'END', 'stop_sequence'],
    ['length', 'MAX_TOKENS', undefined, 'max_tokens'],
    ['length', 'model_context_window_exceeded', undefined, 'model_context_window_exceeded'],
    ['stop', 'pause_turn', undefined, 'pause_turn'],
    ['tool_calls', 'tool_calls', undefined, 'tool_use'],
    ['content_filter', 'SAFETY', undefined, 'refusal'],
    ['error', 'ERROR', undefined, 'end_turn'],
    ['other', 'end_turn', undefined, 'end_turn'],
  ] as const)('formats %s (raw %s, sequence %s) as stop_reason %s', (finishReason, rawFinishReason, stopSequence, stop_reason) => {
    const formatted = formatResponse(
      { id: 'm', model: 'x', content: [], finishReason, ...(rawFinishReason ? { rawFinishReason } : {}), ...(stopSequence ? { stopSequence } : {}) },
      context,
    );
    expect(formatted).toMatchObject({ stop_reason, stop_sequence: stopSequence ?? null });
  });
});
