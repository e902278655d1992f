import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../__fixtures__/load.js';
import { cohere } from './adapter.js';

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
});
