import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { cohere, cohereV1 } from '@fluxcore/cohere';
import { FluxError, type ErrorCategory } from '@fluxcore/errors';
import type { ChatRequest, ChatResponse, ProtocolAdapter, StreamEvent } from '@fluxcore/message';
import { sendError, sendEvents, sendJson, startAdapterServer, textEvents, toolCallEvents, type AdapterServer } from '@fluxcore/testkit';
import { Cohere, CohereClient, CohereClientV2, CohereError } from 'cohere-ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * cohere-ai 8.1.0 as a real client of both Cohere adapters' inbound side: a node:http server
 * routes `/v2/chat` to `cohere` and `/v1/chat` to `cohereV1`, parses what the SDK sends with
 * `parseRequest` and answers with `formatResponse`, the stream encoder or `formatError`.
 * `CohereClientV2` speaks v2; `CohereClient` still exposes v1 `chat`/`chatStream`.
 */
type Answer = (adapter: ProtocolAdapter, request: ChatRequest, res: ServerResponse) => void | Promise<void>;

let server: AdapterServer;
let v2: CohereClientV2;
let v1: CohereClient;
let answer: Answer;
let received: { path: string; request: ChatRequest; headers: IncomingHttpHeaders } | undefined;

const adapterFor = (path: string | undefined): ProtocolAdapter => (path === '/v1/chat' ? cohereV1 : cohere);

beforeAll(async () => {
  server = await startAdapterServer(
    (req) => adapterFor(req.url),
    async ({ req, body, res }) => {
      const adapter = adapterFor(req.url);
      const request = adapter.parseRequest(JSON.parse(body));
      received = { path: req.url ?? '', request, headers: req.headers };
      await answer(adapter, request, res);
    },
  );
  const options = { token: 'test-key-not-real', baseUrl: server.url, maxRetries: 0, timeoutInSeconds: 5 };
  v2 = new CohereClientV2(options);
  v1 = new CohereClient(options);
});

afterAll(() => server.close());

beforeEach(() => {
  received = undefined;
});

const toolAnswer: ChatResponse = {
  id: 'resp_sdk_1',
  model: 'command-test',
  content: [
    { type: 'text', text: 'Checking the weather.' },
    { type: 'tool-call', id: 'get_weather_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { type: 'tool-call', id: 'get_weather_2', name: 'get_weather', arguments: '{"city":"Lyon"}' },
  ],
  finishReason: 'tool_calls',
  usage: { inputTokens: 1200, outputTokens: 40, cachedInputTokens: 1000 },
};

/** Answers with `toolAnswer`, not streamed. */
const answerTools: Answer = (adapter, request, res) => sendJson(res, 200, adapter.formatResponse(toolAnswer, { request }));

function streamOf(response: ChatResponse, text = 'Hello [DONE] world'): StreamEvent[] {
  const calls = response.content.flatMap((part) => (part.type === 'tool-call' ? [part] : []));
  return [
    { type: 'start', id: response.id },
    { type: 'reasoning-start', index: 0 },
    { type: 'reasoning-delta', index: 0, text: 'Think.' },
    { type: 'reasoning-end', index: 0 },
    ...textEvents(1, ...text.split(/(?= )/)),
    ...calls.flatMap((call, i) => toolCallEvents(2 + i, call.id, call.name, call.arguments.slice(0, 5), call.arguments.slice(5))),
    { type: 'usage', usage: { inputTokens: 1200 } },
    { type: 'finish', finishReason: response.finishReason, usage: response.usage! },
  ];
}

const ERROR_CASES: Array<[ErrorCategory, number, new (...args: never[]) => CohereError]> = [
  ['invalid_request', 400, Cohere.BadRequestError],
  ['authentication', 401, Cohere.UnauthorizedError],
  ['permission', 403, Cohere.ForbiddenError],
  ['not_found', 404, Cohere.NotFoundError],
  ['rate_limit', 429, Cohere.TooManyRequestsError],
  ['canceled', 499, Cohere.ClientClosedRequestError],
  ['server', 500, Cohere.InternalServerError],
  ['overloaded', 503, Cohere.ServiceUnavailableError],
  ['timeout', 504, Cohere.GatewayTimeoutError],
  ['upstream_protocol', 502, CohereError],
];

describe('cohere-ai CohereClientV2 against the cohere adapter', () => {
  it('sends a request our parser reads, and parses text, tool calls, finish reason and usage', async () => {
    answer = answerTools;
    const response = await v2.chat({
      model: 'command-a-03-2025',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Paris and Lyon?' },
      ],
      tools: [
        {
          type: 'function',
          function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
        },
      ],
      toolChoice: 'REQUIRED',
      temperature: 0,
    });
    expect(received?.headers.authorization).toBe('Bearer test-key-not-real');
    expect(received?.request).toMatchObject({ model: 'command-a-03-2025', temperature: 0, toolChoice: { type: 'required' }, tools: [{ name: 'get_weather' }] });
    expect(received?.request.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(response.finishReason).toBe('TOOL_CALL');
    expect(response.message.content).toEqual([{ type: 'text', text: 'Checking the weather.' }]);
    expect(response.message.toolCalls?.map((c) => [c.id, c.function?.name, JSON.parse(c.function?.arguments ?? '')])).toEqual([
      ['get_weather_1', 'get_weather', { city: 'Paris' }],
      ['get_weather_2', 'get_weather', { city: 'Lyon' }],
    ]);
    expect(response.usage).toMatchObject({ tokens: { inputTokens: 1200, outputTokens: 40 }, cachedTokens: 1000 });
  });

  it('streams text (with a literal [DONE] in it), thinking, tool calls, finish reason and usage', async () => {
    answer = (adapter, request, res) => sendEvents(res, adapter, request, streamOf(toolAnswer));
    const stream = await v2.chatStream({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'go' }] });
    let text = '';
    let thinking = '';
    const calls: Array<{ id?: string; name?: string; args: string }> = [];
    let end: { finishReason?: string; usage?: unknown } | undefined;
    for await (const event of stream) {
      if (event.type === 'content-delta') {
        text += event.delta?.message?.content?.text ?? '';
        thinking += event.delta?.message?.content?.thinking ?? '';
      } else if (event.type === 'tool-call-start') {
        const call = event.delta?.message?.toolCalls;
        calls.push({ id: call?.id, name: call?.function?.name, args: call?.function?.arguments ?? '' });
      } else if (event.type === 'tool-call-delta') {
        calls.at(-1)!.args += event.delta?.message?.toolCalls?.function?.arguments ?? '';
      } else if (event.type === 'message-end') {
        end = { finishReason: event.delta?.finishReason, usage: event.delta?.usage };
      }
    }
    expect(text).toBe('Hello [DONE] world');
    expect(thinking).toBe('Think.');
    expect(calls).toEqual([
      { id: 'get_weather_1', name: 'get_weather', args: '{"city":"Paris"}' },
      { id: 'get_weather_2', name: 'get_weather', args: '{"city":"Lyon"}' },
    ]);
    expect(end).toEqual({
      finishReason: 'TOOL_CALL',
      usage: { billedUnits: { inputTokens: 1200, outputTokens: 40 }, tokens: { inputTokens: 1200, outputTokens: 40 }, cachedTokens: 1000 },
    });
  });

  it.each(ERROR_CASES)('raises its typed error for our %s body (HTTP %i), streaming or not', async (category, status, ErrorClass) => {
    answer = (adapter, _request, res) => sendError(res, adapter, new FluxError({ category, message: `simulated ${category}` }));
    for (const call of [
      () => v2.chat({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
      () => v2.chatStream({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
    ]) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ErrorClass);
      expect((error as CohereError).statusCode).toBe(status);
      expect((error as CohereError).body).toEqual({ message: `simulated ${category}` });
    }
  });

  it('shows an in-stream failure as message-end with finishReason ERROR and the message (the SDK never throws for it)', async () => {
    answer = (adapter, request, res) =>
      sendEvents(res, adapter, request, streamOf(toolAnswer).slice(0, 6), new FluxError({ category: 'server', message: 'upstream died' }));
    const stream = await v2.chatStream({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    const types: string[] = [];
    let last: unknown;
    for await (const event of stream) {
      types.push(event.type);
      last = event;
    }
    expect(types.at(-2)).toBe('content-end');
    expect(last).toMatchObject({ type: 'message-end', delta: { finishReason: 'ERROR', error: 'upstream died' } });
  });
});

describe('cohere-ai CohereClient (v1 chat) against the cohereV1 adapter', () => {
  it('sends a request our parser reads, and parses text, tool calls, finish reason and usage', async () => {
    answer = answerTools;
    const response = await v1.chat({
      model: 'command-r-plus',
      message: 'Weather in Paris and Lyon?',
      preamble: 'Be brief.',
      chatHistory: [
        { role: 'USER', message: 'Hi' },
        { role: 'CHATBOT', message: 'Hello' },
      ],
      tools: [{ name: 'get_weather', description: 'Weather', parameterDefinitions: { city: { type: 'str', required: true } } }],
      maxTokens: 0,
    });
    expect(received?.path).toBe('/v1/chat');
    expect(received?.request).toMatchObject({
      model: 'command-r-plus',
      maxTokens: 0,
      tools: [{ name: 'get_weather', parameters: { properties: { city: { type: 'string' } }, required: ['city'] } }],
    });
    expect(received?.request.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(response.text).toBe('Checking the weather.');
    expect(response.finishReason).toBe('COMPLETE');
    expect(response.toolCalls).toEqual([
      { name: 'get_weather', parameters: { city: 'Paris' } },
      { name: 'get_weather', parameters: { city: 'Lyon' } },
    ]);
    expect(response.meta?.tokens).toEqual({ inputTokens: 1200, outputTokens: 40 });
    expect(response.meta?.cachedTokens).toBe(1000);
  });

  it('streams NDJSON text, whole tool calls, finish reason and usage', async () => {
    answer = (adapter, request, res) => sendEvents(res, adapter, request, streamOf(toolAnswer));
    const stream = await v1.chatStream({ model: 'command-r-plus', message: 'go' });
    let text = '';
    let toolCalls: unknown;
    let end: { finishReason?: string; meta?: unknown } | undefined;
    for await (const event of stream) {
      if (event.eventType === 'text-generation') text += event.text;
      else if (event.eventType === 'tool-calls-generation') toolCalls = event.toolCalls;
      else if (event.eventType === 'stream-end') end = { finishReason: event.finishReason, meta: event.response.meta };
    }
    expect(text).toBe('Hello [DONE] world');
    expect(toolCalls).toEqual([
      { name: 'get_weather', parameters: { city: 'Paris' } },
      { name: 'get_weather', parameters: { city: 'Lyon' } },
    ]);
    expect(end?.finishReason).toBe('COMPLETE');
    expect(end?.meta).toMatchObject({ tokens: { inputTokens: 1200, outputTokens: 40 }, cachedTokens: 1000 });
  });

  it.each(ERROR_CASES)('raises its typed error for our %s body (HTTP %i), streaming or not', async (category, status, ErrorClass) => {
    answer = (adapter, _request, res) => sendError(res, adapter, new FluxError({ category, message: `simulated ${category}` }));
    for (const call of [() => v1.chat({ message: 'x' }), () => v1.chatStream({ message: 'x' })]) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ErrorClass);
      expect((error as CohereError).statusCode).toBe(status);
    }
  });

  it('shows an in-stream failure as stream-end with finishReason ERROR (the SDK never throws for it)', async () => {
    answer = (adapter, request, res) =>
      sendEvents(res, adapter, request, streamOf(toolAnswer).slice(0, 6), new FluxError({ category: 'server', message: 'upstream died' }));
    const stream = await v1.chatStream({ message: 'x' });
    let last: unknown;
    for await (const event of stream) last = event;
    expect(last).toMatchObject({ eventType: 'stream-end', finishReason: 'ERROR', error: 'upstream died' });
  });
});
