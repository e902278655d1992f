import type { FluxError } from '@fluxcore/errors';
import type { ChatRequest } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load.js';
import { ollama } from './adapter.js';
import { chatURL } from './build-request.js';

const target = { baseURL: 'http://127.0.0.1:11434', apiKey: 'sk-ollama-test-0001', model: 'llama3.2', stream: true };
const bodyOf = (request: ChatRequest) => JSON.parse(ollama.buildRequest(request, target).body) as Record<string, unknown>;

describe('ollama buildRequest', () => {
  it('posts to {base}/api/chat with a bearer key and asks for NDJSON when streaming', () => {
    const built = ollama.buildRequest({ messages: [], stream: true }, target);
    expect(built).toMatchObject({ url: 'http://127.0.0.1:11434/api/chat', method: 'POST' });
    expect(built.headers).toMatchObject({ authorization: 'Bearer sk-ollama-test-0001', 'content-type': 'application/json', accept: 'application/x-ndjson' });
    expect(chatURL('https://ollama.example/api/')).toBe('https://ollama.example/api/chat');
  });

  it('writes back everything its own parseRequest read (an Ollama-to-Ollama trip through the IR)', () => {
    const original = fixtureJson('request-full.json') as Record<string, unknown>;
    const rebuilt = bodyOf(ollama.parseRequest(original));
    expect(rebuilt).toEqual({ ...original, stream: true });
  });

  it('names the tool of each result from the call it answers, since Ollama matches results by name', () => {
    const body = bodyOf({
      stream: false,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
        { role: 'assistant', content: [{ type: 'tool-call', id: 'call_abc', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_abc', content: [{ type: 'text', text: 'sunny' }] }] },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Oslo' } } }] },
      { role: 'tool', content: 'sunny', tool_name: 'get_weather' },
    ]);
  });

  it('sends arguments that are not a JSON object as {}, and leaves the tools out for tool choice none', () => {
    const body = bodyOf({
      stream: false,
      tools: [{ name: 'f', parameters: { type: 'object' } }],
      toolChoice: { type: 'none' },
      messages: [{ role: 'assistant', content: [{ type: 'tool-call', id: 'c', name: 'f', arguments: '[1' }] }],
    });
    expect(body.messages).toEqual([{ role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: {} } }] }]);
    expect(body.tools).toBeUndefined();
  });

  it('refuses what Ollama cannot take instead of dropping it', () => {
    const refuse = (request: ChatRequest) => () => ollama.buildRequest(request, target);
    const imageByURL: ChatRequest = {
      stream: false,
      messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } }] }],
    };
    expect(refuse(imageByURL)).toThrowError(expect.objectContaining({ category: 'invalid_request', param: 'messages[0].content[0]' }) as FluxError);
    const orphanResult: ChatRequest = { stream: false, messages: [{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'x', content: [] }] }] };
    expect(refuse(orphanResult)).toThrowError(expect.objectContaining({ param: 'messages[0].content[0].toolCallId' }) as FluxError);
  });

  it('forwards the client body on the fast path with only the model and stream replaced', () => {
    const built = ollama.buildPassthroughRequest({ model: 'client-model', messages: [], keep_alive: -1, stream: false }, target);
    expect(JSON.parse(built.body)).toEqual({ model: 'llama3.2', messages: [], keep_alive: -1, stream: true });
  });
});
