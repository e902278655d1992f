import type { FluxError } from '@fluxcore/errors';
import { fluxErrorOf } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load.js';
import { ollama } from './adapter.js';

const rejection = (body: unknown): FluxError => fluxErrorOf(() => ollama.parseRequest(body));

describe('ollama parseRequest', () => {
  const request = ollama.parseRequest(fixtureJson('request-full.json'));

  it('reads every role, with images as base64 parts whose media type is sniffed', () => {
    expect(request.model).toBe('llama3.2');
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'user']);
    expect(request.messages[1]!.content[1]).toMatchObject({ type: 'image', source: { kind: 'base64', mediaType: 'image/png' } });
  });

  it('gives tool calls positional ids and matches each result to the earliest unanswered call of its tool', () => {
    expect(request.messages[2]!.content).toEqual([
      { type: 'reasoning', text: 'The user wants the weather.' },
      { type: 'tool-call', id: 'ollama_call_2_0', name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
    ]);
    expect(request.messages[3]!.content).toEqual([
      { type: 'tool-result', toolCallId: 'ollama_call_2_0', toolName: 'get_weather', content: [{ type: 'text', text: '{"temperature": 21}' }] },
    ]);
  });

  it('maps tools, format, think and the modelled options, and keeps the rest in extras', () => {
    expect(request.tools?.[0]).toMatchObject({ name: 'get_weather', description: 'Current weather for a city', parameters: { required: ['city'] } });
    expect(request.responseFormat).toEqual({ type: 'json', schema: { type: 'object', properties: { forecast: { type: 'string' } } } });
    expect(request.reasoning).toEqual({ enabled: true });
    expect(request).toMatchObject({ temperature: 0, topP: 0.9, maxTokens: 128, stopSequences: ['\n\n'], seed: 42 });
    expect(request.extras).toEqual({ ollama: { keep_alive: '10m', options: { num_ctx: 8192 } } });
  });

  it('streams unless the body says "stream": false, as Ollama does', () => {
    expect(request.stream).toBe(false);
    expect(ollama.parseRequest({ model: 'm', messages: [] }).stream).toBe(true);
  });

  it('rejects bad input with invalid_request naming the field', () => {
    expect(rejection('hi')).toMatchObject({ category: 'invalid_request', param: 'body' });
    expect(rejection({ messages: [] })).toMatchObject({ param: 'model' });
    expect(rejection({ model: 'm' })).toMatchObject({ param: 'messages' });
    expect(rejection({ model: 'm', messages: [{ role: 'robot', content: 'x' }] })).toMatchObject({ param: 'messages[0].role' });
    expect(rejection({ model: 'm', messages: [{ role: 'user', content: 3 }] })).toMatchObject({ param: 'messages[0].content' });
    expect(rejection({ model: 'm', messages: [{ role: 'user', content: '', images: [1] }] })).toMatchObject({ param: 'messages[0].images[0]' });
    expect(rejection({ model: 'm', messages: [{ role: 'assistant', tool_calls: [{}] }] })).toMatchObject({ param: 'messages[0].tool_calls[0].function.name' });
    expect(rejection({ model: 'm', messages: [], tools: [{ type: 'function' }] })).toMatchObject({ param: 'tools[0].function.name' });
    expect(rejection({ model: 'm', messages: [], format: 'yaml' })).toMatchObject({ param: 'format' });
    expect(rejection({ model: 'm', messages: [], think: 'max' })).toMatchObject({ param: 'think' });
    expect(rejection({ model: 'm', messages: [], options: { temperature: 'hot' } })).toMatchObject({ param: 'options.temperature' });
    expect(rejection({ model: 'm', messages: [], options: { stop: 'END' } })).toMatchObject({ param: 'options.stop' });
  });
});
