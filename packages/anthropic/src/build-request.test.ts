import { FluxError } from '@fluxcore/errors';
import { DEFAULT_MAX_TOKENS, type ChatRequest, type JsonObject, type Message, type UpstreamTarget } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load.js';
import { buildPassthroughRequest, buildRequest } from './build-request.js';
import { parseRequest } from './parse-request.js';

const target: UpstreamTarget = { baseURL: 'https://api.anthropic.com', apiKey: 'sk-ant-test-key', model: 'claude-haiku-4-5', stream: false };
const body = (request: Partial<ChatRequest>, over: Partial<UpstreamTarget> = {}): JsonObject =>
  JSON.parse(buildRequest({ messages: [], stream: false, ...request }, { ...target, ...over }).body) as JsonObject;
const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });

describe('buildRequest', () => {
  it('sends the key in x-api-key with anthropic-version 2023-06-01, and key headers override ours', () => {
    const built = buildRequest(
      { messages: [user('hi')], stream: true },
      { ...target, stream: true, headers: { 'Anthropic-Beta': 'files-api-2025-04-14', 'anthropic-version': '2024-01-01' } },
    );
    expect(built).toMatchObject({ method: 'POST', url: 'https://api.anthropic.com/v1/messages' });
    expect(built.headers).toEqual({
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'x-api-key': 'sk-ant-test-key',
      'anthropic-version': '2024-01-01',
      'anthropic-beta': 'files-api-2025-04-14',
    });
    expect(built.body).not.toContain('sk-ant-test-key');
    expect(JSON.parse(built.body)).toMatchObject({ model: 'claude-haiku-4-5', stream: true });
  });

  it('sends DEFAULT_MAX_TOKENS when the IR has no max, and 0 when it says 0', () => {
    expect(body({}).max_tokens).toBe(DEFAULT_MAX_TOKENS);
    expect(body({ maxTokens: 0 }).max_tokens).toBe(0);
    expect(body({ maxTokens: 100 }).max_tokens).toBe(100);
  });

  it('hoists every system message into system, as a string when it is one plain text', () => {
    expect(body({ messages: [{ role: 'system', content: [{ type: 'text', text: 'Be brief.' }] }, user('hi')] }).system).toBe('Be brief.');
    const two = body({
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'A', extras: { anthropic: { cache_control: { type: 'ephemeral' } } } }] },
        user('hi'),
        { role: 'system', content: [{ type: 'text', text: 'B' }] },
      ],
    });
    expect(two.system).toEqual([
      { cache_control: { type: 'ephemeral' }, type: 'text', text: 'A' },
      { type: 'text', text: 'B' },
    ]);
    expect(two.messages).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('merges same-role runs and puts results of consecutive tool messages in one user turn before its text', () => {
    const sent = body({
      messages: [
        user('weather?'),
        user('in Paris and Lyon'),
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', id: 'a', name: 'w', arguments: '{"city":"Paris"}' },
            { type: 'tool-call', id: 'b', name: 'w', arguments: '' },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'a', content: [{ type: 'text', text: '18C' }] }] },
        user('and tomorrow?'),
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'b', content: [], isError: true }] },
      ],
    });
    expect(sent.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'weather?' },
          { type: 'text', text: 'in Paris and Lyon' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'a', name: 'w', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'b', name: 'w', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'a', content: '18C' },
          { type: 'tool_result', tool_use_id: 'b', is_error: true },
          { type: 'text', text: 'and tomorrow?' },
        ],
      },
    ]);
  });

  it('rewrites tool ids Anthropic would reject the same way in the call and its result', () => {
    const sent = body({
      messages: [
        user('go'),
        { role: 'assistant', content: [{ type: 'tool-call', id: 'gemini:call.0', name: 'f', arguments: '{}' }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'gemini:call.0', content: [{ type: 'text', text: 'ok' }] }] },
      ],
    });
    expect(sent.messages).toMatchObject([
      {},
      { content: [{ type: 'tool_use', id: 'gemini_call_0' }] },
      { content: [{ type: 'tool_result', tool_use_id: 'gemini_call_0' }] },
    ]);
  });

  it('drops reasoning without an Anthropic signature, and messages left empty', () => {
    const sent = body({
      messages: [
        user('hi'),
        { role: 'assistant', content: [{ type: 'reasoning', text: 'gemini thought', signature: { family: 'gemini', value: 'g-sig' } }] },
        user('again'),
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'unsigned' },
            { type: 'reasoning', text: '', redacted: { family: 'gemini', value: 'x' } },
            { type: 'reasoning', text: 'mine', signature: { family: 'anthropic', value: 'a-sig' } },
            { type: 'reasoning', text: '', redacted: { family: 'anthropic', value: 'r-data' } },
            { type: 'text', text: '' },
            { type: 'text', text: 'Answer' },
          ],
        },
      ],
    });
    expect(sent.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'hi' },
          { type: 'text', text: 'again' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'mine', signature: 'a-sig' },
          { type: 'redacted_thinking', data: 'r-data' },
          { type: 'text', text: 'Answer' },
        ],
      },
    ]);
    expect(JSON.stringify(sent)).not.toContain('g-sig');
  });

  it('sends images and documents in Anthropic source shapes', () => {
    const sent = body({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { kind: 'url', url: 'https://x/cat.png' }, detail: 'high' },
            { type: 'image', source: { kind: 'base64', data: 'AAA', mediaType: 'image/webp' } },
            { type: 'file', source: { kind: 'base64', data: 'JVBE', mediaType: 'application/pdf' }, filename: 'a.pdf' },
            { type: 'file', source: { kind: 'url', url: 'https://x/a.pdf' } },
            { type: 'file', source: { kind: 'base64', data: Buffer.from('notes').toString('base64'), mediaType: 'text/plain' } },
          ],
        },
      ],
    });
    expect((sent.messages as JsonObject[])[0]!.content).toEqual([
      { type: 'image', source: { type: 'url', url: 'https://x/cat.png' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'AAA' } },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' }, title: 'a.pdf' },
      { type: 'document', source: { type: 'url', url: 'https://x/a.pdf' } },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes' } },
    ]);
  });

  it('rejects documents Anthropic cannot take, and tool arguments that are not an object', () => {
    const audio = () => body({ messages: [{ role: 'user', content: [{ type: 'file', source: { kind: 'base64', data: 'AA', mediaType: 'audio/wav' } }] }] });
    expect(audio).toThrow(FluxError);
    expect(audio).toThrow('messages[0].content[0]: Anthropic accepts documents as application/pdf or text/plain, not audio/wav');
    const args = () => body({ messages: [{ role: 'assistant', content: [{ type: 'tool-call', id: 't', name: 'f', arguments: '[1,2]' }] }] });
    expect(args).toThrow('messages[0].content[0].arguments: expected a JSON object');
  });

  it('sends tools with an object input_schema and maps tool choice and parallel calls', () => {
    const tools = [{ name: 'f', description: 'd', parameters: { properties: { a: { type: 'string' } } }, strict: true }];
    expect(body({ tools, toolChoice: { type: 'required' }, parallelToolCalls: false })).toMatchObject({
      tools: [{ name: 'f', description: 'd', input_schema: { type: 'object', properties: { a: { type: 'string' } } }, strict: true }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
    });
    expect(body({ tools, toolChoice: { type: 'tool', name: 'f' } }).tool_choice).toEqual({ type: 'tool', name: 'f' });
    expect(body({ tools, toolChoice: { type: 'none' }, parallelToolCalls: false }).tool_choice).toEqual({ type: 'none' });
    expect(body({ tools, parallelToolCalls: false }).tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
    expect(body({ toolChoice: { type: 'auto' } })).not.toHaveProperty('tool_choice');
    expect(() => body({ tools: [{ name: 'f', parameters: { type: 'string' } }] })).toThrow(
      'tools[0].parameters: Anthropic requires a JSON Schema of type "object"',
    );
  });

  it('maps sampling, stop sequences, end user and JSON schema output', () => {
    expect(
      body({ temperature: 0, topP: 0, topK: 0, stopSequences: ['X'], user: 'u1', responseFormat: { type: 'json', schema: { type: 'object' } } }),
    ).toMatchObject({
      temperature: 0,
      top_p: 0,
      top_k: 0,
      stop_sequences: ['X'],
      metadata: { user_id: 'u1' },
      output_config: { format: { type: 'json_schema', schema: { type: 'object' } } },
    });
    expect(body({ responseFormat: { type: 'json' } })).not.toHaveProperty('output_config');
  });

  describe('thinking', () => {
    it('uses the budget, or the effort table, and raises max_tokens when the budget does not fit', () => {
      expect(body({ maxTokens: 8000, reasoning: { budgetTokens: 2000 } })).toMatchObject({
        thinking: { type: 'enabled', budget_tokens: 2000 },
        max_tokens: 8000,
      });
      expect(body({ reasoning: { effort: 'high' } })).toMatchObject({
        thinking: { type: 'enabled', budget_tokens: 16384 },
        max_tokens: 16384 + DEFAULT_MAX_TOKENS,
      });
      expect(body({ maxTokens: 1000, reasoning: { effort: 'low' } })).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 1024 }, max_tokens: 2024 });
      expect(body({ reasoning: { enabled: true } })).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 4096 }, max_tokens: 8192 });
    });

    it('raises a budget under 1024 to 1024, and treats budget 0 or enabled false as disabled', () => {
      expect(body({ maxTokens: 5000, reasoning: { budgetTokens: 100 } }).thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });
      expect(body({ reasoning: { budgetTokens: 0 } }).thinking).toEqual({ type: 'disabled' });
      expect(body({ reasoning: { enabled: false, effort: 'high' } }).thinking).toEqual({ type: 'disabled' });
    });

    it('sends no thinking with max_tokens 0, or when reasoning only asks to include thoughts', () => {
      expect(body({ maxTokens: 0, reasoning: { effort: 'high' } })).toMatchObject({ max_tokens: 0 });
      expect(body({ maxTokens: 0, reasoning: { effort: 'high' } })).not.toHaveProperty('thinking');
      expect(body({ reasoning: { includeThoughts: true } })).not.toHaveProperty('thinking');
    });

    it('sends no thinking when the tool choice forces a call, which Anthropic forbids with thinking', () => {
      const tools = [{ name: 'f', parameters: { type: 'object' } }];
      expect(body({ tools, toolChoice: { type: 'required' }, reasoning: { effort: 'high' } })).not.toHaveProperty('thinking');
      expect(body({ tools, toolChoice: { type: 'tool', name: 'f' }, maxTokens: 500, reasoning: { budgetTokens: 2000 } })).toMatchObject({ max_tokens: 500 });
      expect(body({ tools, toolChoice: { type: 'auto' }, reasoning: { effort: 'low' } }).thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });
    });

    it("keeps the client's own adaptive thinking from extras", () => {
      const adaptive = parseRequest({ messages: [], thinking: { type: 'adaptive', display: 'omitted' } });
      expect(body(adaptive).thinking).toEqual({ type: 'adaptive', display: 'omitted' });
    });
  });

  it('rebuilds a parsed request exactly (same-protocol trip through the IR loses nothing)', () => {
    const wire = fixtureJson('request-full.json');
    const rebuilt = body(parseRequest(wire), { model: wire.model as string });
    expect(rebuilt).toEqual(wire);
  });
});

describe('buildPassthroughRequest', () => {
  it('forwards the body unchanged except model and stream', () => {
    const client = { model: 'alias', max_tokens: 10, messages: [{ role: 'user', content: 'x' }], mcp_servers: [{ url: 'u' }], stream: false };
    const built = buildPassthroughRequest(client, { ...target, stream: true });
    expect(JSON.parse(built.body)).toEqual({ ...client, model: 'claude-haiku-4-5', stream: true });
    expect(built.headers['x-api-key']).toBe('sk-ant-test-key');
    expect(JSON.parse(buildPassthroughRequest({ ...client, stream: true }, target).body).stream).toBe(false);
  });

  it('adds the default max_tokens only when the client left it out', () => {
    expect(JSON.parse(buildPassthroughRequest({ messages: [] }, target).body).max_tokens).toBe(DEFAULT_MAX_TOKENS);
    expect(JSON.parse(buildPassthroughRequest({ messages: [], max_tokens: 0 }, target).body).max_tokens).toBe(0);
  });
});
