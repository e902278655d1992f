import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import { anthropic } from '@fluxcore/anthropic';
import { FluxError, type ErrorCategory } from '@fluxcore/errors';
import type { ChatRequest, ChatResponse, StreamEvent } from '@fluxcore/message';
import { sendError, sendEvents, sendJson, startAdapterServer, textEvents, toolCallEvents, type AdapterServer } from '@fluxcore/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * @anthropic-ai/sdk 1.14.0 as a real client of the adapter's inbound side: a node:http server
 * parses what the SDK sends with `parseRequest` and answers with `formatResponse`, the stream
 * encoder or `formatError`.
 */
type Answer = (request: ChatRequest, res: ServerResponse) => void | Promise<void>;

let server: AdapterServer;
let client: Anthropic;
let answer: Answer;
let received: { request: ChatRequest; headers: IncomingHttpHeaders } | undefined;

beforeAll(async () => {
  server = await startAdapterServer(anthropic, async ({ req, body, res }) => {
    const request = anthropic.parseRequest(JSON.parse(body));
    received = { request, headers: req.headers };
    await answer(request, res);
  });
  client = new Anthropic({ apiKey: 'test-key-not-real', baseURL: server.url, maxRetries: 0, timeout: 5_000 });
});

afterAll(() => server.close());

beforeEach(() => {
  received = undefined;
});

const toolAnswer: ChatResponse = {
  id: 'msg_sdk_1',
  model: 'claude-test',
  content: [
    { type: 'reasoning', text: 'Paris first.', signature: { family: 'anthropic', value: 'sig-abc' } },
    { type: 'text', text: 'Checking the weather.' },
    { type: 'tool-call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { type: 'tool-call', id: 'toolu_2', name: 'get_weather', arguments: '{"city":"Lyon"}' },
  ],
  finishReason: 'tool_calls',
  rawFinishReason: 'tool_use',
  usage: { inputTokens: 1200, outputTokens: 40, cachedInputTokens: 1000, cacheWriteTokens: 50 },
};

const toolEvents: StreamEvent[] = [
  { type: 'start', id: 'msg_sdk_2', model: 'claude-test' },
  { type: 'usage', usage: { inputTokens: 1200, cachedInputTokens: 1000, cacheWriteTokens: 50 } },
  { type: 'reasoning-start', index: 0 },
  { type: 'reasoning-delta', index: 0, text: 'Paris ' },
  { type: 'reasoning-delta', index: 0, text: 'first.' },
  { type: 'reasoning-end', index: 0, signature: { family: 'anthropic', value: 'sig-abc' } },
  ...textEvents(1, 'Checking ', 'the weather.'),
  ...toolCallEvents(2, 'toolu_1', 'get_weather', '{"city":', '"Paris"}'),
  ...toolCallEvents(3, 'toolu_2', 'get_weather', '{"city":"Lyon"}'),
  { type: 'finish', finishReason: 'tool_calls', usage: { inputTokens: 1200, outputTokens: 40, cachedInputTokens: 1000, cacheWriteTokens: 50 } },
];

const tools: Anthropic.Tool[] = [
  { name: 'get_weather', description: 'Weather for a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
];

describe('@anthropic-ai/sdk 1.14.0 against the anthropic adapter', () => {
  it('sends a request parseRequest reads fully (Bearer auth, anthropic-version 2026-10-21 accepted)', async () => {
    answer = (request, res) =>
      sendJson(res, 200, anthropic.formatResponse({ id: 'msg_0', model: 'm', content: [{ type: 'text', text: 'ok' }], finishReason: 'stop' }, { request }));
    await client.messages.create({
      model: 'claude-test',
      max_tokens: 2048,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather?' },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
          ],
        },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_0', name: 'get_weather', input: { city: 'Nice' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_0', content: '21C' }] },
      ],
      tools,
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      thinking: { type: 'enabled', budget_tokens: 1024 },
      stop_sequences: ['END'],
      metadata: { user_id: 'u-1' },
    });
    expect(received?.headers.authorization).toBe('Bearer test-key-not-real');
    expect(received?.headers['anthropic-version']).toBe('2026-10-21');
    expect(received?.request).toMatchObject({
      model: 'claude-test',
      maxTokens: 2048,
      stopSequences: ['END'],
      user: 'u-1',
      toolChoice: { type: 'auto' },
      parallelToolCalls: false,
      reasoning: { enabled: true, budgetTokens: 1024 },
      tools: [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }],
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.', extras: { anthropic: { cache_control: { type: 'ephemeral' } } } }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather?' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } },
          ],
        },
        { role: 'assistant', content: [{ type: 'tool-call', id: 'toolu_0', name: 'get_weather', arguments: '{"city":"Nice"}' }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_0', content: [{ type: 'text', text: '21C' }] }] },
      ],
    });
  });

  it('parses a non-streamed answer: thinking, text, parallel tool calls, stop reason and usage', async () => {
    answer = (request, res) => sendJson(res, 200, anthropic.formatResponse(toolAnswer, { request }));
    const message = await client.messages.create({
      model: 'claude-test',
      max_tokens: 100,
      tools,
      messages: [{ role: 'user', content: 'Weather in Paris and Lyon?' }],
    });
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Paris first.', signature: 'sig-abc' },
      { type: 'text', text: 'Checking the weather.' },
      { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Lyon' } },
    ]);
    expect(message).toMatchObject({ id: 'msg_sdk_1', stop_reason: 'tool_use', stop_sequence: null });
    expect(message.usage).toMatchObject({ input_tokens: 150, cache_read_input_tokens: 1000, cache_creation_input_tokens: 50, output_tokens: 40 });
  });

  it('accumulates a streamed answer with messages.stream(): thinking, text, tool inputs, stop reason and usage', async () => {
    answer = (request, res) => sendEvents(res, anthropic, request, toolEvents);
    const stream = client.messages.stream({ model: 'claude-test', max_tokens: 100, tools, messages: [{ role: 'user', content: 'Weather?' }] });
    const texts: string[] = [];
    stream.on('text', (delta) => texts.push(delta));
    const message = await stream.finalMessage();
    expect(texts.join('')).toBe('Checking the weather.');
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Paris first.', signature: 'sig-abc' },
      { type: 'text', text: 'Checking the weather.' },
      { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Lyon' } },
    ]);
    expect(message).toMatchObject({ id: 'msg_sdk_2', model: 'claude-test', stop_reason: 'tool_use' });
    expect(message.usage).toMatchObject({ input_tokens: 150, cache_read_input_tokens: 1000, cache_creation_input_tokens: 50, output_tokens: 40 });
  });

  it('yields every raw event with stream: true, in order', async () => {
    answer = (request, res) => sendEvents(res, anthropic, request, toolEvents);
    const stream = await client.messages.create({ model: 'claude-test', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'Weather?' }] });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type === 'content_block_delta' ? event.delta.type : event.type);
    expect(types).toEqual([
      'message_start',
      'content_block_start',
      'thinking_delta',
      'thinking_delta',
      'signature_delta',
      'content_block_stop',
      'content_block_start',
      'text_delta',
      'text_delta',
      'content_block_stop',
      'content_block_start',
      'input_json_delta',
      'input_json_delta',
      'content_block_stop',
      'content_block_start',
      'input_json_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('reads a stop sequence in a stream', async () => {
    answer = (request, res) =>
      sendEvents(res, anthropic, request, [
        { type: 'start' },
        ...textEvents(0, 'one, two'),
        { type: 'finish', finishReason: 'stop', stopSequence: 'three', usage: { inputTokens: 9, outputTokens: 4 } },
      ]);
    const message = await client.messages.stream({ model: 'claude-test', max_tokens: 100, messages: [{ role: 'user', content: 'Count' }] }).finalMessage();
    expect(message).toMatchObject({
      stop_reason: 'stop_sequence',
      stop_sequence: 'three',
      content: [{ type: 'text', text: 'one, two' }],
      usage: { input_tokens: 9, output_tokens: 4 },
    });
  });

  it.each([
    ['invalid_request', Anthropic.BadRequestError, 400, 'invalid_request_error'],
    ['authentication', Anthropic.AuthenticationError, 401, 'authentication_error'],
    ['permission', Anthropic.PermissionDeniedError, 403, 'permission_error'],
    ['not_found', Anthropic.NotFoundError, 404, 'not_found_error'],
    ['rate_limit', Anthropic.RateLimitError, 429, 'rate_limit_error'],
    ['overloaded', Anthropic.OverloadedError, 529, 'overloaded_error'],
    ['server', Anthropic.InternalServerError, 502, 'api_error'],
    ['timeout', Anthropic.GatewayTimeoutError, 504, 'timeout_error'],
  ] as const)('raises its own typed error for a formatted %s error', async (category, ErrorClass, status, type) => {
    answer = (_request, res) => sendError(res, anthropic, new FluxError({ category: category as ErrorCategory, message: `simulated ${category}` }));
    const error: unknown = await client.messages
      .create({ model: 'claude-test', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status, type, apiMessage: `simulated ${category}` });
  });

  it('raises a typed error for the invalid_request that parseRequest throws on a malformed body', async () => {
    answer = () => undefined;
    const error: unknown = await client.messages
      .create({ model: 'claude-test', max_tokens: 10, messages: [{ role: 'robot' as 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error).toMatchObject({ status: 400, apiMessage: 'messages[0].role: expected "user" or "assistant"' });
  });

  it('raises APIError with the error type for an in-stream error sent by encoder.fail()', async () => {
    const partial: StreamEvent[] = [{ type: 'start' }, { type: 'text-start', index: 0 }, { type: 'text-delta', index: 0, text: 'Hel' }];
    answer = (request, res) => sendEvents(res, anthropic, request, partial, new FluxError({ category: 'overloaded', message: 'upstream overloaded' }));
    const stream = client.messages.stream({ model: 'claude-test', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    const texts: string[] = [];
    stream.on('text', (delta) => texts.push(delta));
    const error: unknown = await stream.finalMessage().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error).toMatchObject({ type: 'overloaded_error', apiMessage: 'upstream overloaded' });
    expect(texts).toEqual(['Hel']);
  });
});
