import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closePool } from '@fluxcore/call';
import { validateOpenaiStream } from '@fluxcore/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedBackend, type SimulatedBackend } from './providers.js';
import { MAX_BODY_BYTES } from './read-json.js';
import { createChatServer } from './server.js';

let backend: SimulatedBackend;
let server: Server;
let url: string;

async function start(frameDelayMs = 0): Promise<void> {
  backend = await startSimulatedBackend({ frameDelayMs });
  server = createChatServer(backend.pool);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
}

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await closePool(backend.pool);
  await backend.close();
});

const chat = (body: unknown, init: RequestInit = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...init });
const question = { model: 'any', messages: [{ role: 'user', content: 'Hi' }] };

describe('the gateway example', () => {
  it('answers an OpenAI request from the cheapest endpoint, converted from Anthropic', async () => {
    await start();
    const res = await chat(question);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-fluxcore-endpoint')).toBe('claude');
    const body = (await res.json()) as { object: string; choices: Array<{ message: { content: string } }> };
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0]!.message.content).toBe('Hello from the simulated anthropic provider.');
  });

  it('streams OpenAI chunks that the OpenAI grammar accepts when the request asks for a stream', async () => {
    await start();
    const res = await chat({ ...question, stream: true });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const grammar = validateOpenaiStream(await res.text());
    expect(grammar.errors).toEqual([]);
    expect(grammar.text).toBe('Hello from the simulated anthropic provider.');
  });

  it('fails over to the next endpoint when the cheapest one is down', async () => {
    await start();
    backend.upstreams.anthropic.setFault({ type: 'http-error', status: 529 });
    const res = await chat(question);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-fluxcore-endpoint')).toBe('gpt');
  });

  it('answers in the OpenAI error format when every endpoint is down', async () => {
    await start();
    backend.upstreams.anthropic.setFault({ type: 'http-error', status: 500 });
    backend.upstreams.openai.setFault({ type: 'http-error', status: 500 });
    const res = await chat(question);
    expect(res.status).toBeGreaterThanOrEqual(500);
    const body = (await res.json()) as { error: { message: string; type: string } };
    expect(body.error.type).toBe('server_error');
  });

  it('answers 400 in the OpenAI error format to a body that is not JSON', async () => {
    await start();
    const res = await fetch(url, { method: 'POST', body: '{"model":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { message: 'the request body is not valid JSON', type: 'invalid_request_error' } });
  });

  it('answers 400 naming the field to a request without messages', async () => {
    await start();
    const res = await chat({ model: 'any' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { param: 'messages' } });
  });

  it('answers 413 to a body over the limit, without calling any provider', async () => {
    await start();
    const res = await fetch(url, { method: 'POST', body: 'x'.repeat(MAX_BODY_BYTES + 1) });
    expect(res.status).toBe(413);
    expect(backend.upstreams.anthropic.calls).toHaveLength(0);
  });

  it('answers 404 to any other route', async () => {
    await start();
    const res = await fetch(url.replace('/chat/completions', '/models'));
    expect(res.status).toBe(404);
  });

  it('aborts the upstream call when the client goes away mid-stream', async () => {
    await start(50);
    const client = new AbortController();
    const res = await chat({ ...question, stream: true }, { signal: client.signal });
    const reader = res.body!.getReader();
    await reader.read();
    client.abort();
    const upstreamCall = backend.upstreams.anthropic.calls[0]!;
    await upstreamCall.done;
    expect(upstreamCall.aborted).toBe(true);
  });
});
