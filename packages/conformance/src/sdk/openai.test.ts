import { openai } from '@fluxcore/openai';
import { startAdapterServer, type AdapterServer } from '@fluxcore/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerByModel, ERROR_MODELS } from './__fixtures__/answer-by-model.js';

/**
 * openai-node 6.49.0 as a real client of the adapter's inbound side: a local server parses
 * each request with `openai.parseRequest` and answers with `formatResponse`, the stream
 * encoder, or `formatError`. The model name picks the answer.
 */

let server: AdapterServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startAdapterServer(openai, ({ body, res }) => answerByModel(res, openai, openai.parseRequest(JSON.parse(body))));
  client = new OpenAI({ apiKey: 'sk-test-not-real', baseURL: `${server.url}/v1`, maxRetries: 0, timeout: 5_000 });
});

afterAll(() => server.close());

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
    expect(error).toMatchObject({ status, error: { message: `simulated ${ERROR_MODELS[model]}` } });
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
