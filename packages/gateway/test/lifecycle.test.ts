import { Agent, request as httpRequest, type ClientRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Upstream } from '@fluxcore/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const chat = { model: 'test-model', messages: [{ role: 'user', content: 'Hi' }] };
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Starts the harness with one OpenAI upstream that waits `delayMs` before its first byte, and returns that upstream. */
async function slowUpstream(delayMs: number): Promise<Upstream> {
  h = await startHarness({ slow: { protocol: 'openai', inputPrice: 1, outputPrice: 1 } });
  const upstream = h.upstreams.slow!;
  upstream.setFault({ type: 'slow-first-byte', delayMs });
  return upstream;
}

function post(url: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chat),
    ...(signal && { signal }),
  });
}

describe('client disconnect', () => {
  it('aborts the upstream request when the client goes away', async () => {
    const upstream = await slowUpstream(5_000);
    const client = new AbortController();
    const pending = post(h!.url, client.signal).catch((error: Error) => error);
    await expect.poll(() => upstream.calls.length, { timeout: 2_000 }).toBe(1);
    client.abort();
    await pending;
    await upstream.calls[0]!.done;
    expect(upstream.calls[0]!.aborted).toBe(true);
    await expect.poll(() => h!.logs.some((line) => line.includes('"status":499')), { timeout: 2_000 }).toBe(true);
  });
});

describe('requests sharing or not sharing a connection', () => {
  it('aborts only the requests of the connection that closed', async () => {
    const upstream = await slowUpstream(400);
    const leaving = new AbortController();
    const left = post(h!.url, leaving.signal).catch((error: Error) => error);
    const staying = post(h!.url);
    await expect.poll(() => upstream.calls.length, { timeout: 2_000 }).toBe(2);
    leaving.abort();
    await left;
    expect((await staying).status).toBe(200);
    const aborted = await Promise.all(upstream.calls.map(async (call) => (await call.done, call.aborted)));
    expect(aborted.sort()).toEqual([false, true]);
  });

  it('serves one request after another on a kept-alive connection', async () => {
    h = await startHarness({ fast: { protocol: 'openai', inputPrice: 1, outputPrice: 1 } });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const answers: Array<{ status: number | undefined; reused: boolean }> = [];
    for (let i = 0; i < 3; i++) {
      answers.push(
        await new Promise((resolve, reject) => {
          const req = httpRequest(`${h!.url}/v1/chat/completions`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode, reused: req.reusedSocket }));
          });
          req.on('error', reject);
          req.end(JSON.stringify(chat));
        }),
      );
    }
    agent.destroy();
    expect(answers).toEqual([
      { status: 200, reused: false },
      { status: 200, reused: true },
      { status: 200, reused: true },
    ]);
  });
});

describe('one client connection carrying many requests', () => {
  it('leaves no abort listener behind per request: 60 requests, answered, streamed, refused and malformed, raise no leak warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    try {
      h = await startHarness({ fast: { protocol: 'openai', inputPrice: 1, outputPrice: 1 } });
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const bodies = [JSON.stringify(chat), JSON.stringify({ ...chat, stream: true }), JSON.stringify({ ...chat, model: 'not-served' }), '{not json'];
      const statuses: Array<number | undefined> = [];
      let reused = 0;
      for (let i = 0; i < 60; i++) {
        await new Promise<void>((resolve, reject) => {
          const req = httpRequest(`${h!.url}/v1/chat/completions`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
            res.resume();
            res.on('end', () => {
              statuses.push(res.statusCode);
              if (req.reusedSocket) reused++;
              resolve();
            });
          });
          req.on('error', reject);
          req.end(bodies[i % bodies.length]);
        });
      }
      agent.destroy();
      // Node reports an EventTarget with more than 10 listeners for one event on the next turns.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(reused).toBe(59);
      expect(new Set(statuses)).toEqual(new Set([200, 404, 400]));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

/** Start a streamed chat whose answer the client never reads (its socket buffers fill up). */
function postStreamNeverRead(url: string): ClientRequest {
  const req = httpRequest(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' } });
  req.on('error', () => {});
  // Without a listener, node would read and discard the answer.
  req.on('response', (res) => res.pause());
  req.end(JSON.stringify({ ...chat, stream: true }));
  return req;
}

describe('client disconnect while the gateway waits for it to read', () => {
  it('is logged as canceled with the status sent, not as a 500 failure of the gateway', async () => {
    const bigAnswer = { text: 'x'.repeat(24 * 1024 * 1024), chunkSize: 64 * 1024, usage: { inputTokens: 1, outputTokens: 1 } };
    h = await startHarness({ big: { protocol: 'openai', inputPrice: 1, outputPrice: 1, scenario: bigAnswer } });
    let response: ServerResponse | undefined;
    h.gateway.once('request', (_req: IncomingMessage, res: ServerResponse) => (response = res));
    const req = postStreamNeverRead(h.url);
    await expect.poll(() => response?.writableNeedDrain, { timeout: 10_000 }).toBe(true);
    req.destroy();
    await expect
      .poll(() => h!.logs.find((line) => line.includes('"msg":"request"') || line.includes('"msg":"request failed"')), { timeout: 2_000 })
      .toBeDefined();
    const line = JSON.parse(h.logs.find((l) => l.includes('"msg":"request')) ?? '{}') as { msg: string; status: number; category: string };
    expect(line).toMatchObject({ msg: 'request', status: 200, category: 'canceled' });
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).not.toContain('category="server"');
  }, 20_000);
});

describe('graceful shutdown', () => {
  it('lets a running request finish, then refuses new connections', async () => {
    h = await startHarness({ slow: { protocol: 'anthropic', inputPrice: 1, outputPrice: 1 } });
    h.upstreams.slow!.setFault({ type: 'slow-first-byte', delayMs: 300, times: 1 });
    const running = post(h.url);
    await expect.poll(() => h!.upstreams.slow!.calls.length, { timeout: 2_000 }).toBe(1);
    const stopped = h.gateway.shutdown({ graceMs: 5_000 });
    const res = await running;
    expect(res.status).toBe(200);
    expect(res.headers.get('connection')).toBe('close');
    await stopped;
    await expect(post(h.url)).rejects.toThrow();
  });

  it('aborts what is still running when the grace period is over', async () => {
    const upstream = await slowUpstream(10_000);
    const running = post(h!.url).then(
      (r) => r.status,
      () => 'connection closed',
    );
    await expect.poll(() => upstream.calls.length, { timeout: 2_000 }).toBe(1);
    const started = Date.now();
    await h!.gateway.shutdown({ graceMs: 100 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await running).toBe('connection closed');
    await upstream.calls[0]!.done;
    expect(upstream.calls[0]!.aborted).toBe(true);
    expect(h!.logs.some((line) => line.includes('grace period over'))).toBe(true);
  });
});
