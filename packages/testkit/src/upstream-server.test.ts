import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { plainSimulator } from './upstream/__fixtures__/plain-simulator.js';
import type { UpstreamFault } from './upstream/fault.js';
import { startUpstream, type StartUpstreamOptions, type Upstream } from './upstream-server.js';

let upstream: Upstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

async function start(options: Partial<StartUpstreamOptions> = {}): Promise<Upstream> {
  upstream = await startUpstream({ simulator: plainSimulator, scenario: { text: 'Hello world' }, ...options });
  return upstream;
}

/** {@link start}, then set `fault` on the new server. */
async function startWithFault(fault: UpstreamFault, options: Partial<StartUpstreamOptions> = {}): Promise<Upstream> {
  const server = await start(options);
  server.setFault(fault);
  return server;
}

function post(server: Upstream, body: unknown, init: { signal?: AbortSignal; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`${server.url}/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: JSON.stringify(body),
    signal: init.signal,
  });
}

/** A raw node:http request whose response body the test reads (or not) at its own pace. */
function openRaw(server: Upstream, body: unknown): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' } }, resolve);
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('startUpstream', () => {
  it('answers through the simulator and records the call with headers and parsed body', async () => {
    const server = await start();
    const res = await post(server, { model: 'm1', stream: false }, { headers: { 'x-trace': 'abc' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ model: 'm1', text: 'Hello world' });
    const [call] = server.calls;
    expect(call).toMatchObject({ index: 0, method: 'POST', path: '/chat', body: { model: 'm1', stream: false }, stream: false, status: 200 });
    expect(call?.headers['x-trace']).toBe('abc');
    await call?.done;
    expect(call?.aborted).toBe(false);
  });

  it('streams the simulator frames in order', async () => {
    const server = await start({ scenario: { text: 'abcdefgh', chunkSize: 4 } });
    const res = await post(server, { stream: true });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(await res.text()).toBe('data: {"text":"abcd"}\n\ndata: {"text":"efgh"}\n\ndata: [END]\n\n');
  });

  it('sends a non-streamed body whose middle falls inside a surrogate pair intact (the halves split between code points)', async () => {
    const text = '🚀'.repeat(11);
    const server = await start({ scenario: { text } });
    expect(await (await post(server, { model: 'm' })).json()).toEqual({ model: 'm', text });
  });

  it('asks a scenario function per call, and setScenario changes later answers', async () => {
    const server = await start({ scenario: (call) => ({ text: `call ${call.index}` }) });
    expect(await (await post(server, {})).json()).toMatchObject({ text: 'call 0' });
    server.setScenario({ text: 'fixed' });
    expect(await (await post(server, {})).json()).toMatchObject({ text: 'fixed' });
  });

  it('rejects a wrong API key with the provider 401 and an unknown path with 404', async () => {
    const server = await start({ apiKey: 'good-key' });
    const bad = await post(server, {}, { headers: { authorization: 'Bearer bad-key' } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: { kind: 'authentication', status: 401, message: 'invalid API key' } });
    expect((await post(server, {}, { headers: { authorization: 'Bearer good-key' } })).status).toBe(200);
    const missing = await fetch(`${server.url}/nowhere`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
  });

  it('applies a one-shot fault once, then answers normally', async () => {
    const server = await startWithFault({ type: 'http-error', status: 429, retryAfter: 2, times: 1 });
    const limited = await post(server, {});
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toMatchObject({ error: { kind: 'rate_limit' } });
    expect((await post(server, {})).status).toBe(200);
    expect(server.calls.map((c) => c.fault?.type)).toEqual(['http-error', undefined]);
  });

  it('keeps a persistent fault until it is cleared', async () => {
    const server = await startWithFault({ type: 'http-error', status: 529 });
    expect((await post(server, {})).status).toBe(529);
    const second = await post(server, {});
    expect(await second.json()).toMatchObject({ error: { kind: 'overloaded', status: 529 } });
    server.setFault(undefined);
    expect((await post(server, {})).status).toBe(200);
  });

  it.each([
    [500, 'server'],
    [503, 'overloaded'],
    [401, 'authentication'],
    [400, 'invalid_request'],
  ])('renders HTTP %i as the provider error kind %s', async (status, kind) => {
    const server = await startWithFault({ type: 'http-error', status });
    const res = await post(server, {});
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { kind } });
  });

  it('refuses connections while the refuse fault is set', async () => {
    const server = await startWithFault({ type: 'refuse', times: 1 });
    await expect(post(server, {})).rejects.toThrow();
    expect((await post(server, {})).status).toBe(200);
  });

  it('resets the connection mid-body after the given frames', async () => {
    const server = await startWithFault({ type: 'reset', afterFrames: 1 }, { scenario: { text: 'abcdefghijkl', chunkSize: 4 } });
    const res = await post(server, { stream: true });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect(server.calls[0]?.bytesSent).toBe('data: {"text":"abcd"}\n\n'.length);
  });

  it('delays the first byte by the given time', async () => {
    const server = await startWithFault({ type: 'slow-first-byte', delayMs: 150 });
    const started = Date.now();
    const res = await post(server, {});
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(await res.json()).toMatchObject({ text: 'Hello world' });
  });

  it("holds a stream's content back after its opening frame, with keep-alive comments meanwhile (a slow first token)", async () => {
    const server = await startWithFault({ type: 'slow-first-token', delayMs: 200, keepAliveMs: 50 }, { scenario: { text: 'abcdefgh', chunkSize: 4 } });
    const started = Date.now();
    const res = await post(server, { stream: true });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: {"text":"abcd"}\n\n');
    let rest = '';
    for (let chunk = await reader.read(); chunk.done !== true; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(rest).toBe(': keep-alive\n\n'.repeat(3) + 'data: {"text":"efgh"}\n\ndata: [END]\n\n');
  });

  it("sends a non-streamed answer's headers at once and its body after a slow first token", async () => {
    const server = await startWithFault({ type: 'slow-first-token', delayMs: 150 });
    const started = Date.now();
    const res = await post(server, {});
    expect(server.calls[0]!.bytesSent).toBe(0);
    expect(await res.json()).toMatchObject({ text: 'Hello world' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('stalls mid-stream and sees the client close within 100 ms of its abort', async () => {
    const server = await startWithFault({ type: 'stall', afterFrames: 1 }, { scenario: { text: 'abcdefgh', chunkSize: 4 } });
    const controller = new AbortController();
    const res = await post(server, { stream: true }, { signal: controller.signal });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: {"text":"abcd"}\n\n');
    const abortedAt = Date.now();
    controller.abort();
    const call = server.calls[0]!;
    await call.done;
    expect(call.aborted).toBe(true);
    expect(call.closedAt! - abortedAt).toBeLessThan(100);
  });

  it('truncates a stream with a clean end and no terminal frame', async () => {
    const server = await startWithFault({ type: 'truncate', afterFrames: 1 }, { scenario: { text: 'abcdefgh', chunkSize: 4 } });
    expect(await (await post(server, { stream: true })).text()).toBe('data: {"text":"abcd"}\n\n');
  });

  it('truncates a JSON answer in the middle of the body', async () => {
    const server = await startWithFault({ type: 'truncate', afterFrames: 1 });
    const text = await (await post(server, {})).text();
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect('{"model":"sim-model","text":"Hello world"}'.startsWith(text)).toBe(true);
  });

  it('sends malformed JSON and malformed stream frames after a 200', async () => {
    const server = await startWithFault({ type: 'malformed-json', times: 1 }, { scenario: { text: 'abcd' } });
    const json = await post(server, {});
    expect(json.status).toBe(200);
    const text = await json.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
    server.setFault({ type: 'malformed-stream', afterFrames: 1 });
    expect(await (await post(server, { stream: true })).text()).toBe('data: {"text":"abcd"}\n\ndata: {not json\n\n');
  });

  it('sends an oversized body of the requested size', async () => {
    const server = await startWithFault({ type: 'oversized', bytes: 300_000 });
    const body = await (await post(server, {})).arrayBuffer();
    expect(body.byteLength).toBe(300_000);
  });

  it('sends the provider in-stream error signal after a 200', async () => {
    const server = await startWithFault(
      { type: 'stream-error', afterFrames: 1, kind: 'overloaded', message: 'busy' },
      { scenario: { text: 'abcdefgh', chunkSize: 4 } },
    );
    const res = await post(server, { stream: true });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('data: {"text":"abcd"}\n\nevent: error\ndata: {"kind":"overloaded","message":"busy"}\n\n');
  });

  it('is paused by TCP when the client does not read', async () => {
    const text = 'x'.repeat(16 * 1024 * 1024);
    const server = await start({ scenario: { text, chunkSize: 64 * 1024 } });
    const res = await openRaw(server, { stream: true });
    res.pause();
    const call = server.calls[0]!;
    await until(() => call.backpressured);
    expect(call.bytesSent).toBeLessThan(text.length / 2);
    res.destroy();
    await call.done;
    expect(call.aborted).toBe(true);
  });

  it('counts open client connections and drops them on close', async () => {
    const server = await startWithFault({ type: 'stall' }, { scenario: { text: 'abcd' } });
    const res = await openRaw(server, { stream: true });
    expect(server.openConnections).toBe(1);
    const closed = new Promise((resolve) => res.socket.once('close', resolve));
    await server.close();
    upstream = undefined;
    await closed;
    expect(server.openConnections).toBe(0);
  });
});
