import type { ChatRequest, UpstreamTarget } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../__fixtures__/load.js';
import { cohereV1 } from './adapter.js';

const target: UpstreamTarget = { baseURL: 'https://api.cohere.com', apiKey: 'co-test-key', model: 'command-r-plus', stream: false };

function wireBody(request: ChatRequest, overrides: Partial<UpstreamTarget> = {}): Record<string, unknown> {
  return JSON.parse(cohereV1.buildRequest(request, { ...target, ...overrides }).body) as Record<string, unknown>;
}

const user = (text: string): ChatRequest['messages'][number] => ({ role: 'user', content: [{ type: 'text', text }] });

describe('cohere v1 buildRequest', () => {
  it('posts to /v1/chat with Bearer auth, without doubling slashes or the version', () => {
    const built = cohereV1.buildRequest({ messages: [user('hi')], stream: false }, { ...target, baseURL: 'https://api.cohere.com/v1/' });
    expect(built.url).toBe('https://api.cohere.com/v1/chat');
    expect(built.headers.authorization).toBe('Bearer co-test-key');
    expect(JSON.parse(built.body)).toEqual({ model: 'command-r-plus', chat_history: [], message: 'hi', stream: false });
  });

  it('round-trips a multi-step v1 request with nothing lost', () => {
    const original = fixtureJson('v1/request-multi-step.json') as Record<string, unknown>;
    const rebuilt = wireBody(cohereV1.parseRequest(original), { model: 'command-r-plus', stream: true });
    expect(rebuilt).toEqual(original);
  });

  it('hoists leading system messages into preamble, later ones into SYSTEM entries, and drops reasoning', () => {
    const body = wireBody({
      stream: false,
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'A.' }] },
        { role: 'system', content: [{ type: 'text', text: 'B.' }] },
        user('q1'),
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'hmm' },
            { type: 'text', text: 'a1' },
          ],
        },
        { role: 'system', content: [{ type: 'text', text: 'C.' }] },
        user('q2'),
      ],
    });
    expect(body).toMatchObject({
      preamble: 'A.\n\nB.',
      chat_history: [
        { role: 'USER', message: 'q1' },
        { role: 'CHATBOT', message: 'a1' },
        { role: 'SYSTEM', message: 'C.' },
      ],
      message: 'q2',
    });
  });

  it('sends trailing tool results as tool_results matched to their calls by name and parameters', () => {
    const body = wireBody({
      stream: false,
      messages: [
        user('weather?'),
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', id: 'call_1', name: 'weather', arguments: '{"city":"Oslo"}' },
            { type: 'tool-call', id: 'call_2', name: 'now', arguments: '' },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', content: [{ type: 'text', text: '{"t":4}' }] }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_2', content: [{ type: 'text', text: 'noon' }] }] },
      ],
    });
    expect(body.message).toBe('');
    expect(body.chat_history).toEqual([
      { role: 'USER', message: 'weather?' },
      {
        role: 'CHATBOT',
        message: '',
        tool_calls: [
          { name: 'weather', parameters: { city: 'Oslo' } },
          { name: 'now', parameters: {} },
        ],
      },
    ]);
    expect(body.tool_results).toEqual([
      { call: { name: 'weather', parameters: { city: 'Oslo' } }, outputs: [{ t: 4 }] },
      { call: { name: 'now', parameters: {} }, outputs: [{ output: 'noon' }] },
    ]);
  });

  it('converts JSON Schema tools to flat definitions, and handles tool choice as v1 can', () => {
    const tools: ChatRequest['tools'] = [
      {
        name: 'search',
        description: 'Search',
        parameters: {
          type: 'object',
          properties: {
            q: { type: 'string', enum: ['a', 'b'] },
            n: { type: 'integer' },
            tags: { type: 'array', items: { type: 'string' } },
            opts: { type: 'object', properties: { deep: { type: 'boolean' } } },
          },
          required: ['q'],
        },
      },
      { name: 'other', parameters: { type: 'object' } },
    ];
    expect(wireBody({ stream: false, messages: [user('x')], tools }).tools).toEqual([
      {
        name: 'search',
        description: 'Search',
        parameter_definitions: {
          q: { type: 'str', description: 'One of: "a", "b".', required: true },
          n: { type: 'int' },
          tags: { type: 'List[str]' },
          opts: { type: 'Dict' },
        },
      },
      { name: 'other', description: '', parameter_definitions: {} },
    ]);
    expect(wireBody({ stream: false, messages: [user('x')], tools, toolChoice: { type: 'none' } }).tools).toBeUndefined();
    expect((wireBody({ stream: false, messages: [user('x')], tools, toolChoice: { type: 'tool', name: 'other' } }).tools as unknown[]).length).toBe(1);
  });

  it.each([
    [[{ type: 'image', source: { kind: 'url', url: 'https://x/y.png' } }], 'messages[0].content[0]: Cohere v1 cannot carry images'],
    [[{ type: 'file', source: { kind: 'base64', data: 'AA', mediaType: 'application/pdf' } }], 'messages[0].content[0]: Cohere v1 cannot carry files'],
  ])('refuses user content v1 cannot carry: %j', (content, message) => {
    const request = { stream: false, messages: [{ role: 'user', content }] } as ChatRequest;
    expect(() => cohereV1.buildRequest(request, target)).toThrow(expect.objectContaining({ category: 'invalid_request', message }));
  });

  it('refuses a tool result whose call it cannot name, and arguments that are not an object', () => {
    const orphan: ChatRequest = { stream: false, messages: [{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'nope', content: [] }] }] };
    expect(() => cohereV1.buildRequest(orphan, target)).toThrow(expect.objectContaining({ param: 'messages[0].content[0].toolCallId' }));
    const badArgs: ChatRequest = {
      stream: false,
      messages: [{ role: 'assistant', content: [{ type: 'tool-call', id: 'c', name: 'f', arguments: '[1,2]' }] }, user('x')],
    };
    expect(() => cohereV1.buildRequest(badArgs, target)).toThrow(expect.objectContaining({ param: 'messages[0].content[0].arguments' }));
  });

  it('uses a named tool result when no earlier call is known (e.g. from Gemini)', () => {
    const body = wireBody({
      stream: false,
      messages: [{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'g1', toolName: 'f', content: [{ type: 'text', text: '{"ok":true}' }] }] }],
    });
    expect(body.tool_results).toEqual([{ call: { name: 'f', parameters: {} }, outputs: [{ ok: true }] }]);
  });

  it('passes a same-protocol body through unchanged except model and stream, asking for an NDJSON stream', () => {
    const original = { message: 'hi', connectors: [{ id: 'web-search' }], model: 'x' };
    const built = cohereV1.buildPassthroughRequest(original, { ...target, stream: true });
    expect(JSON.parse(built.body)).toEqual({ ...original, model: 'command-r-plus', stream: true });
    expect(built.url).toBe('https://api.cohere.com/v1/chat');
    expect(built.headers.accept).toBe('application/stream+json');
  });
});
