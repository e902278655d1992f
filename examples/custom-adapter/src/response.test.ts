import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load.js';
import { ollama } from './adapter.js';

const context = { request: { model: 'qwen3', messages: [], stream: false } };

describe('ollama parseResponse', () => {
  it('reads thinking, tool calls with positional ids, the done reason and the token counts', () => {
    const response = ollama.parseResponse(fixtureJson('tool-calls.json'));
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'I need the weather tool.' },
      { type: 'tool-call', id: 'ollama_call_0', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'tool-call', id: 'ollama_call_1', name: 'get_weather', arguments: '{"city":"Lyon"}' },
    ]);
    expect(response).toMatchObject({ model: 'qwen3', finishReason: 'tool_calls', rawFinishReason: 'stop', usage: { inputTokens: 140, outputTokens: 41 } });
    expect(response.created).toBe(Math.floor(Date.parse('2026-11-26T03:51:00Z') / 1000));
    expect(response.id).toMatch(/^ollama-/);
  });

  it('maps done_reason length to length and a model load to other', () => {
    const answer = (doneReason: string) => ({ model: 'm', message: { role: 'assistant', content: 'x' }, done: true, done_reason: doneReason });
    expect(ollama.parseResponse(answer('length')).finishReason).toBe('length');
    expect(ollama.parseResponse(answer('load')).finishReason).toBe('other');
  });

  it('reports no usage when Ollama sent no counts', () => {
    expect(ollama.parseResponse({ model: 'm', message: { role: 'assistant', content: 'x' }, done: true }).usage).toBeUndefined();
  });

  it('throws upstream_protocol for an answer without a message or with a nameless tool call', () => {
    expect(() => ollama.parseResponse({ done: true })).toThrowError(expect.objectContaining({ category: 'upstream_protocol' }) as Error);
    expect(() => ollama.parseResponse({ message: { tool_calls: [{ function: {} }] } })).toThrowError(
      expect.objectContaining({ category: 'upstream_protocol' }) as Error,
    );
  });
});

describe('ollama formatResponse', () => {
  it('writes the answer as Ollama does, and reads back to the same content', () => {
    const response = ollama.parseResponse(fixtureJson('tool-calls.json'));
    const body = ollama.formatResponse(response, context);
    expect(body).toMatchObject({
      model: 'qwen3',
      created_at: '2026-11-26T03:51:00.000Z',
      message: {
        role: 'assistant',
        content: '',
        thinking: 'I need the weather tool.',
        tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }, { function: { name: 'get_weather', arguments: { city: 'Lyon' } } }],
      },
      done: true,
      done_reason: 'stop',
      prompt_eval_count: 140,
      eval_count: 41,
    });
    expect(ollama.parseResponse(body).content).toEqual(response.content);
  });

  it('says length when the answer was cut by the token limit', () => {
    const body = ollama.formatResponse({ id: 'r', model: 'm', content: [{ type: 'text', text: 'cut' }], finishReason: 'length' }, context);
    expect(body).toMatchObject({ message: { content: 'cut' }, done_reason: 'length' });
  });
});
