import type { FluxError } from '@fluxcore/errors';
import { fluxErrorOf } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../__fixtures__/load.js';
import { cohere } from './adapter.js';

const rejection = (body: unknown): FluxError => fluxErrorOf(() => cohere.parseRequest(body));

describe('cohere v2 parseRequest', () => {
  const request = cohere.parseRequest(fixtureJson('v2/request-full.json'));

  it('reads every role, in order', () => {
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'tool', 'assistant', 'user']);
    expect(request.messages[0]).toEqual({ role: 'system', content: [{ type: 'text', text: 'You are terse.' }] });
  });

  it('reads images by data URL as base64 and by https URL, with detail', () => {
    expect(request.messages[1]!.content.slice(1)).toEqual([
      { type: 'image', source: { kind: 'base64', data: 'iVBORw0KGgo=', mediaType: 'image/png' }, detail: 'high' },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg' } },
    ]);
  });

  it('reads thinking, the tool plan and tool calls of an assistant turn, keeping "null" arguments verbatim', () => {
    expect(request.messages[2]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'The user wants weather.' },
        { type: 'text', text: 'I will call the weather tool.', extras: { cohere: { tool_plan: true } } },
        { type: 'tool-call', id: 'get_weather_a1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
        { type: 'tool-call', id: 'current_time_b2', name: 'current_time', arguments: 'null' },
      ],
    });
  });

  it('reads tool results as documents or strings and names them from the earlier call', () => {
    expect(request.messages[3]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'get_weather_a1',
          toolName: 'get_weather',
          content: [{ type: 'text', text: '{"temperature":"4C"}', extras: { cohere: { document: { id: 'w1' } } } }],
        },
      ],
    });
    expect(request.messages[4]!.content).toEqual([
      { type: 'tool-result', toolCallId: 'current_time_b2', toolName: 'current_time', content: [{ type: 'text', text: '12:00' }] },
    ]);
  });

  it('reads tools (strict_tools applies to each), tool choice and sampling, with 0 kept as a value', () => {
    expect(request.tools?.map((t) => [t.name, t.strict, t.description])).toEqual([
      ['get_weather', true, 'Weather for a city'],
      ['current_time', true, undefined],
    ]);
    expect(request).toMatchObject({
      model: 'command-a-03-2025',
      stream: false,
      toolChoice: { type: 'required' },
      maxTokens: 0,
      temperature: 0,
      topP: 0.9,
      topK: 40,
      seed: 7,
      frequencyPenalty: 0.1,
      presencePenalty: 0.2,
      stopSequences: ['END'],
      responseFormat: { type: 'json', schema: { type: 'object' } },
      reasoning: { enabled: true, budgetTokens: 2048 },
    });
  });

  it('keeps unmodelled top-level fields (documents, safety_mode, citation_options) in extras.cohere', () => {
    expect(request.extras).toEqual({
      cohere: {
        documents: [{ id: 'doc1', data: { title: 'Tides', snippet: 'High tide at 6.' } }, 'plain document'],
        safety_mode: 'STRICT',
        citation_options: { mode: 'FAST' },
      },
    });
  });

  it('reads NONE and disabled thinking', () => {
    const parsed = cohere.parseRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], tool_choice: 'NONE', thinking: { type: 'disabled' } });
    expect(parsed.toolChoice).toEqual({ type: 'none' });
    expect(parsed.reasoning).toEqual({ enabled: false });
  });

  it.each([
    [{}, 'messages', 'expected an array'],
    ['text', 'body', 'expected an object'],
    [{ messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role', 'expected "system", "user", "assistant" or "tool"'],
    [{ messages: [{ role: 'user', content: 3 }] }, 'messages[0].content', 'expected a string or an array of content parts'],
    [{ messages: [{ role: 'user', content: [{ type: 'audio' }] }] }, 'messages[0].content[0].type', 'expected "text" or "image_url"'],
    [{ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] }, 'messages[0].content[0].image_url.url', 'expected a string'],
    [{ messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id', 'expected a string'],
    [{ messages: [{ role: 'assistant', tool_calls: [{ id: 'a', function: {} }] }] }, 'messages[0].tool_calls[0].function.name', 'expected a string'],
    [{ messages: [], tool_choice: 'ANY' }, 'tool_choice', 'expected "REQUIRED" or "NONE"'],
    [{ messages: [], temperature: 'hot' }, 'temperature', 'expected a number'],
    [{ messages: [], stop_sequences: [1] }, 'stop_sequences[0]', 'expected a string'],
    [{ messages: [], tools: [{ type: 'function', function: { name: '' } }] }, 'tools[0].function.name', 'expected a non-empty string'],
    [{ messages: [], response_format: { type: 'xml' } }, 'response_format.type', 'expected "text" or "json_object"'],
    [{ messages: [], thinking: { type: 'maybe' } }, 'thinking.type', 'expected "enabled" or "disabled"'],
  ])('rejects %j naming %s', (body, param, expected) => {
    const error = rejection(body);
    expect(error.category).toBe('invalid_request');
    expect(error.param).toBe(param);
    expect(error.message).toContain(expected);
  });
});

describe('cohere v2 parseRequest, deep nesting', () => {
  /** Objects nested 10,000 deep: JSON.parse reads them, JSON.stringify cannot write them back. */
  const deep = (): unknown => JSON.parse(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);

  it.each([
    [
      'tool call arguments',
      () => ({ messages: [{ role: 'assistant', tool_calls: [{ id: 'a', function: { name: 'f', arguments: { a: deep() } } }] }] }),
      'messages[0].tool_calls[0].function.arguments',
    ],
    [
      'a tool result document',
      () => ({ messages: [{ role: 'tool', tool_call_id: 'a', content: [{ type: 'document', document: { data: { a: deep() } } }] }] }),
      'messages[0].content[0].document.data',
    ],
  ])('rejects %s nested deeper than JSON.stringify can write, naming the field', (_name, body, param) => {
    expect(rejection(body())).toMatchObject({ category: 'invalid_request', param, message: `${param}: expected JSON nested less deeply` });
  });
});
