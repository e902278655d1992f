import type { ToolCallPart } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../__fixtures__/load.js';
import { cohereV1 } from './adapter.js';

describe('cohere v1 parseRequest', () => {
  const request = cohereV1.parseRequest(fixtureJson('v1/request-multi-step.json'));

  it('puts the preamble first, then the history, then the tool results of the current turn', () => {
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(request.messages[0]).toEqual({ role: 'system', content: [{ type: 'text', text: 'You are a weather bot.' }] });
  });

  it('gives calls stable ids from name + parameters, and results find them whatever their order', () => {
    const calls = request.messages[2]!.content.filter((p): p is ToolCallPart => p.type === 'tool-call');
    expect(calls.map((c) => [c.name, c.arguments])).toEqual([
      ['weather', '{"city":"Sydney"}'],
      ['weather', '{"city":"Perth"}'],
    ]);
    expect(calls[0]!.id).toMatch(/^cohere_[0-9a-f]{8}$/);
    expect(calls[0]!.id).not.toBe(calls[1]!.id);
    const results = request.messages[3]!.content;
    expect(results).toEqual([
      { type: 'tool-result', toolCallId: calls[1]!.id, toolName: 'weather', content: [{ type: 'text', text: '{"temperature":30}' }] },
      {
        type: 'tool-result',
        toolCallId: calls[0]!.id,
        toolName: 'weather',
        content: [
          { type: 'text', text: '{"temperature":22}' },
          { type: 'text', text: '{"note":"humid"}' },
        ],
      },
    ]);
  });

  it('matches results to calls regardless of parameter key order, and numbers identical repeats', () => {
    const parsed = cohereV1.parseRequest({
      message: '',
      chat_history: [
        {
          role: 'CHATBOT',
          message: '',
          tool_calls: [
            { name: 'f', parameters: { a: 1, b: 2 } },
            { name: 'f', parameters: { a: 1, b: 2 } },
          ],
        },
      ],
      tool_results: [
        { call: { name: 'f', parameters: { b: 2, a: 1 } }, outputs: [] },
        { call: { name: 'f', parameters: { a: 1, b: 2 } }, outputs: [] },
      ],
    });
    const ids = parsed.messages[0]!.content.map((p) => (p as ToolCallPart).id);
    expect(ids[1]).toBe(`${ids[0]}_1`);
    expect(parsed.messages[1]!.content.map((p) => (p.type === 'tool-result' ? p.toolCallId : ''))).toEqual(ids);
  });

  it('adds the assistant turn a single-step client leaves out, so every result follows its call', () => {
    const parsed = cohereV1.parseRequest({
      message: 'Weather in Oslo?',
      tool_results: [{ call: { name: 'weather', parameters: { city: 'Oslo' } }, outputs: [{ t: 4 }] }],
    });
    expect(parsed.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    const call = parsed.messages[1]!.content[0] as ToolCallPart;
    expect(call).toMatchObject({ type: 'tool-call', name: 'weather', arguments: '{"city":"Oslo"}' });
    expect(parsed.messages[2]!.content[0]).toMatchObject({ toolCallId: call.id });
  });

  it('converts flat parameter definitions to JSON Schema and keeps the originals for v1', () => {
    expect(request.tools).toEqual([
      {
        name: 'weather',
        description: 'Current weather',
        parameters: {
          type: 'object',
          properties: {
            city: { type: 'string', description: 'City name' },
            days: { type: 'integer' },
            units: { type: 'array', items: { type: 'string' }, description: 'Units' },
          },
          required: ['city'],
        },
        extras: {
          'cohere-v1': {
            parameter_definitions: (fixtureJson('v1/request-multi-step.json') as { tools: Array<{ parameter_definitions: unknown }> }).tools[0]!
              .parameter_definitions,
          },
        },
      },
    ]);
  });

  it('reads sampling fields with 0 as a value, and keeps unmodelled fields in extras', () => {
    expect(request).toMatchObject({
      model: 'command-r-plus',
      stream: true,
      maxTokens: 0,
      temperature: 0.3,
      topP: 0.75,
      topK: 0,
      seed: 42,
      stopSequences: ['\n\n'],
      frequencyPenalty: 0,
      presencePenalty: 0,
      responseFormat: { type: 'json', schema: { type: 'object' } },
    });
    expect(request.extras).toEqual({ 'cohere-v1': { conversation_id: 'conv-1', prompt_truncation: 'AUTO', force_single_step: false } });
  });

  it('reads SYSTEM history entries and a plain message as the last user turn', () => {
    const parsed = cohereV1.parseRequest({
      message: 'Hi',
      chat_history: [
        { role: 'SYSTEM', message: 'Be kind.' },
        { role: 'USER', message: 'Yo' },
        { role: 'CHATBOT', message: 'Hey' },
      ],
    });
    expect(parsed.messages.map((m) => [m.role, m.content[0]])).toEqual([
      ['system', { type: 'text', text: 'Be kind.' }],
      ['user', { type: 'text', text: 'Yo' }],
      ['assistant', { type: 'text', text: 'Hey' }],
      ['user', { type: 'text', text: 'Hi' }],
    ]);
  });
});
