import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FluxError, isFluxError, type ErrorCategory } from '@fluxcore/errors';
import type { ChatResponse, StreamEvent } from '@fluxcore/message';
import { openai } from '@fluxcore/openai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * openai-node 6.49.0 as a real client of the adapter's inbound side: a local server parses
 * each request with `openai.parseRequest` and answers with `formatResponse`, the stream
 * encoder, or `formatError`. The model name picks the answer.
 */

const USAGE = { inputTokens: 21, outputTokens: 9, cachedInputTokens: 5, reasoningTokens: 3 };
const ERRORS: Record<string, ErrorCategory> = {
  'err-400': 'invalid_request',
  'err-401': 'authentication',
  'err-403': 'permission',
  'err-404': 'not_found',
  'err-429': 'rate_limit',
  'err-500': 'server',
  'err-503': 'overloaded',
};

function answer(model: string): ChatResponse {
  if (model === 'tools') {
    return {
      id: 'chatcmpl-tools',
      model,
      created: 1,
      content: [
        { type: 'text', text: 'Checking both.' },
        { type: 'tool-call', id: 'call_w', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'tool-call', id: 'call_t', name: 'get_time', arguments: '{"tz":"CET"}' },
      ],
      finishReason: 'tool_calls',
      usage: USAGE,
    };
  }
  return { id: 'chatcmpl-text', model, created: 1, content: [{ type: 'text', text: 'Hello from fluxcore' }], finishReason: 'stop', usage: USAGE };
}

function events(model: string): StreamEvent[] {
  const out: StreamEvent[] = [{ type: 'start', id: `chatcmpl-${model}`, model, created: 1 }];
  if (model === 'tools') {
    out.push(
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, text: 'Checking both.' },
      { type: 'text-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'call_w', name: 'get_weather' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '"Paris"}' },
      { type: 'tool-call-end', index: 1 },
      { type: 'tool-call-start', index: 2, id: 'call_t', name: 'get_time' },
      { type: 'tool-call-delta', index: 2, argumentsDelta: '{"tz":"CET"}' },
      { type: 'tool-call-end', index: 2 },
      { type: 'finish', finishReason: 'tool_calls', usage: USAGE },
    );
    return out;
  }
  out.push({ type: 'text-start', index: 0 });
  for (const piece of ['Hello', ' from', ' fluxcore']) out.push({ type: 'text-delta', index: 0, text: piece });
  out.push({ type: 'text-end', index: 0 }, { type: 'finish', finishReason: 'stop', usage: USAGE });
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendError(res: ServerResponse, error: FluxError): void {
  const formatted = openai.formatError(error);
  res.writeHead(formatted.status, { 'content-type': 'application/json', ...formatted.headers });
  res.end(JSON.stringify(formatted.body));
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let request;
  try {
    request = openai.parseRequest(JSON.parse(await readBody(req)));
  } catch (error) {
    return sendError(res, isFluxError(error) ? error : new FluxError({ category: 'invalid_request', message: String(error) }));
  }
  const model = request.model ?? '';
  const category = ERRORS[model];
  if (category !== undefined) {
    return sendError(res, new FluxError({ category, message: `simulated ${category}`, ...(category === 'rate_limit' ? { retryAfterMs: 1000 } : {}) }));
  }
  if (!request.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(openai.formatResponse(answer(model), { request })));
    return;
  }
  const encoder = openai.createStreamEncoder({ request });
  res.writeHead(200, { 'content-type': openai.streamContentType });
  if (model === 'stream-error') {
    res.write(encoder.encode({ type: 'start', id: 'chatcmpl-e', model, created: 1 }));
    res.write(encoder.encode({ type: 'text-start', index: 0 }));
    res.write(encoder.encode({ type: 'text-delta', index: 0, text: 'partial' }));
    res.end(encoder.fail(new FluxError({ category: 'overloaded', message: 'upstream overloaded mid-stream' })));
    return;
  }
  for (const event of events(model)) res.write(encoder.encode(event));
  res.end();
}

let server: Server;
let client: OpenAI;

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new OpenAI({ apiKey: 'sk-test-not-real', baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0, timeout: 5_000 });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('openai-node against the openai adapter', () => {
  it('parses a non-streamed answer: text, finish reason and usage', async () => {
    const completion = await client.chat.completions.create({ model: 'text', messages });
    expect(completion.choices[0]?.message.content).toBe('Hello from fluxcore');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({
      prompt_tokens: 21,
      completion_tokens: 9,
      total_tokens: 30,
      prompt_tokens_details: { cached_tokens: 5 },
      completion_tokens_details: { reasoning_tokens: 3 },
    });
  });

  it('parses non-streamed parallel tool calls with their arguments', async () => {
    const completion = await client.chat.completions.create({
      model: 'tools',
      messages,
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
    });
    const message = completion.choices[0]?.message;
    expect(message?.tool_calls).toEqual([
      { id: 'call_w', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { id: 'call_t', type: 'function', function: { name: 'get_time', arguments: '{"tz":"CET"}' } },
    ]);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('streams text chunks, the finish reason and the usage chunk it asked for', async () => {
    const stream = await client.chat.completions.create({ model: 'text', messages, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('Hello from fluxcore');
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 21, completion_tokens: 9, total_tokens: 30 });
  });

  it('streams without a usage chunk when the client did not ask', async () => {
    const stream = await client.chat.completions.create({ model: 'text', messages, stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('accumulates streamed tool calls in the SDK stream helper', async () => {
    const runner = client.chat.completions.stream({ model: 'tools', messages, stream_options: { include_usage: true } });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe('Checking both.');
    expect(final.choices[0]?.message.tool_calls).toEqual([
      { id: 'call_w', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { id: 'call_t', type: 'function', function: { name: 'get_time', arguments: '{"tz":"CET"}' } },
    ]);
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(final.usage).toMatchObject({ prompt_tokens: 21, completion_tokens: 9 });
  });

  it.each([
    ['err-400', OpenAI.BadRequestError, 400],
    ['err-401', OpenAI.AuthenticationError, 401],
    ['err-403', OpenAI.PermissionDeniedError, 403],
    ['err-404', OpenAI.NotFoundError, 404],
    ['err-429', OpenAI.RateLimitError, 429],
    ['err-500', OpenAI.InternalServerError, 502],
    ['err-503', OpenAI.InternalServerError, 503],
  ] as const)('raises its typed error for %s', async (model, ErrorClass, status) => {
    const error = await client.chat.completions.create({ model, messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status, error: { message: `simulated ${ERRORS[model]}` } });
  });

  it('reads the retry hint and error type of a rate limit', async () => {
    const error = (await client.chat.completions.create({ model: 'err-429', messages }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error.headers.get('retry-after')).toBe('1');
    expect(error.type).toBe('rate_limit_error');
    expect(error.code).toBe('rate_limit_exceeded');
  });

  it('raises BadRequestError naming the field our parser rejected', async () => {
    const bad = [{ role: 'user', content: 42 }] as unknown as OpenAI.ChatCompletionMessageParam[];
    const error = (await client.chat.completions.create({ model: 'text', messages: bad }).catch((e: unknown) => e)) as InstanceType<
      typeof OpenAI.BadRequestError
    >;
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.param).toBe('messages[0].content');
    expect(error.message).toMatch(/expected a string or an array of content parts/);
  });

  it('raises APIError for an error sent inside the stream, after the text already received', async () => {
    const stream = await client.chat.completions.create({ model: 'stream-error', messages, stream: true });
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(text).toBe('partial');
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toMatch(/upstream overloaded mid-stream/);
  });
});
