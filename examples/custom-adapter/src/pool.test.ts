import { closePool, request, requestStream } from '@fluxcore/call';
import type { JsonObject } from '@fluxcore/message';
import { openai } from '@fluxcore/openai';
import { Endpoint, EndpointPool } from '@fluxcore/routing';
import { decodeInPieces, openaiSimulator, startUpstream, validateOpenaiStream, type Upstream } from '@fluxcore/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { ollama } from './adapter.js';
import { startSimulatedOllama, type SimulatedOllama } from './demo/simulated-ollama.js';

const OPENAI_TEXT = 'Hello from the simulated OpenAI provider.';
const OLLAMA_TEXT = 'Hello from the simulated Ollama server.';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function openaiUpstream(): Promise<{ upstream: Upstream; endpoint: Endpoint }> {
  const upstream = await startUpstream({
    simulator: openaiSimulator,
    apiKey: 'sk-openai-test-0001',
    scenario: { text: OPENAI_TEXT, usage: { inputTokens: 12, outputTokens: 8 } },
  });
  cleanups.push(() => upstream.close());
  const endpoint = new Endpoint({
    id: 'gpt',
    key: { baseURL: upstream.url, apiKey: 'sk-openai-test-0001', protocol: openai },
    model: 'gpt-4.1-mini',
    inputPrice: 0.4,
    outputPrice: 1.6,
  });
  return { upstream, endpoint };
}

async function ollamaUpstream(): Promise<{ server: SimulatedOllama; endpoint: Endpoint }> {
  const server = await startSimulatedOllama({ text: OLLAMA_TEXT });
  cleanups.push(() => server.close());
  const endpoint = new Endpoint({
    id: 'llama',
    key: { baseURL: server.url, apiKey: 'ollama-local', protocol: ollama },
    model: 'llama3.2',
    inputPrice: 0,
    outputPrice: 0,
  });
  return { server, endpoint };
}

function poolOf(...endpoints: Endpoint[]): EndpointPool {
  const pool = new EndpointPool(endpoints);
  cleanups.push(() => closePool(pool));
  return pool;
}

const ollamaQuestion: JsonObject = { model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }], stream: false };
const openaiQuestion: JsonObject = { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Hi' }] };

async function readAll(stream: AsyncIterable<string>): Promise<string> {
  let wire = '';
  for await (const chunk of stream) wire += chunk;
  return wire;
}

describe('the ollama adapter as the inbound protocol', () => {
  it('serves an Ollama client from an OpenAI endpoint, in Ollama format', async () => {
    const { upstream, endpoint } = await openaiUpstream();
    const res = await request(poolOf(endpoint), ollamaQuestion, ollama);
    expect(res.body).toMatchObject({
      model: 'gpt-4.1-mini',
      message: { role: 'assistant', content: OPENAI_TEXT },
      done: true,
      done_reason: 'stop',
      prompt_eval_count: 12,
      eval_count: 8,
    });
    expect(upstream.calls[0]!.path).toBe('/v1/chat/completions');
  });

  it('streams NDJSON to an Ollama client from an OpenAI endpoint', async () => {
    const { endpoint } = await openaiUpstream();
    const stream = await requestStream(poolOf(endpoint), { ...ollamaQuestion, stream: true }, ollama);
    expect(stream.contentType).toBe('application/x-ndjson');
    const wire = await readAll(stream);
    const lines = wire
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as JsonObject);
    expect(lines.at(-1)).toMatchObject({ done: true, done_reason: 'stop', prompt_eval_count: 12, eval_count: 8 });
    const events = decodeInPieces(ollama.createStreamDecoder(), wire);
    expect(events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('')).toBe(OPENAI_TEXT);
    expect((await stream.usage).isAccurate).toBe(true);
  });
});

describe('the ollama adapter as an upstream protocol', () => {
  it('serves an OpenAI client from an Ollama endpoint, with the usage Ollama counted', async () => {
    const { server, endpoint } = await ollamaUpstream();
    const res = await request(poolOf(endpoint), openaiQuestion, openai);
    expect(res.body).toMatchObject({ object: 'chat.completion', choices: [{ message: { role: 'assistant', content: OLLAMA_TEXT }, finish_reason: 'stop' }] });
    expect(res.usage).toMatchObject({ inputTokens: 21, outputTokens: 9, isAccurate: true });
    expect(server.requests[0]).toEqual({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }], stream: false });
    expect(server.headers[0]!.authorization).toBe('Bearer ollama-local');
  });

  it('streams to an OpenAI client from an Ollama endpoint in a grammar the OpenAI SDK accepts', async () => {
    const { endpoint } = await ollamaUpstream();
    const stream = await requestStream(poolOf(endpoint), { ...openaiQuestion, stream: true, stream_options: { include_usage: true } }, openai);
    const grammar = validateOpenaiStream(await readAll(stream));
    expect(grammar.errors).toEqual([]);
    expect(grammar.text).toBe(OLLAMA_TEXT);
    expect(grammar.usage).toMatchObject({ prompt_tokens: 21, completion_tokens: 9 });
  });

  it("carries an OpenAI tool call through Ollama and sends the result back under the tool's name", async () => {
    const { server, endpoint } = await ollamaUpstream();
    const pool = poolOf(endpoint);
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const first = await request(pool, { ...openaiQuestion, tools }, openai);
    const choice = (first.body.choices as JsonObject[])[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    const call = ((choice.message as JsonObject).tool_calls as JsonObject[])[0]!;
    expect(call.function).toEqual({ name: 'get_weather', arguments: '{"city":"Paris"}' });

    await request(
      pool,
      {
        ...openaiQuestion,
        tools,
        messages: [...(openaiQuestion.messages as JsonObject[]), choice.message!, { role: 'tool', tool_call_id: call.id!, content: '21°C' }],
      },
      openai,
    );
    expect((server.requests[1]!.messages as JsonObject[]).slice(1)).toEqual([
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] },
      { role: 'tool', content: '21°C', tool_name: 'get_weather' },
    ]);
  });

  it('fails over from a failing Ollama endpoint to a built-in one, and reads its error', async () => {
    const { server, endpoint: local } = await ollamaUpstream();
    const { endpoint: cloud } = await openaiUpstream();
    server.setFailure({ status: 500, message: 'model runner has unexpectedly stopped' });
    const res = await request(poolOf(local, cloud), openaiQuestion, openai);
    expect(res.attempts.map((a) => [a.endpointId, a.status, a.category])).toEqual([
      ['llama', 500, 'server'],
      ['gpt', 200, undefined],
    ]);
    expect((res.body.choices as JsonObject[])[0]!.message).toMatchObject({ content: OPENAI_TEXT });
  });

  it('forwards an Ollama client to an Ollama endpoint as is, fields fluxcore does not model included', async () => {
    const { server, endpoint } = await ollamaUpstream();
    const res = await request(poolOf(endpoint), { ...ollamaQuestion, model: 'whatever', keep_alive: '1h', options: { num_ctx: 4096 } }, ollama);
    expect(res.body).toMatchObject({ message: { content: OLLAMA_TEXT }, done: true });
    expect(server.requests[0]).toEqual({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'Hi' }],
      keep_alive: '1h',
      options: { num_ctx: 4096 },
      stream: false,
    });
  });
});
