import { openai } from '@fluxcore/openai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, openaiBody, openaiProvider, poolOf, until, type Provider } from './__fixtures__/harness.js';
import { request } from './request.js';
import { requestStream } from './stream.js';

afterEach(async () => {
  vi.useRealTimers();
  await cleanup();
});

const CONCURRENCY = 200;

/** Half plain requests, half streams read to the end; resolves to the serving endpoint ids. */
function burst(pool: ReturnType<typeof poolOf>): Promise<Array<string | number>> {
  return Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, i) => {
      if (i % 2 === 0) return (await request(pool, openaiBody(), openai)).endpoint.id;
      const stream = await requestStream(pool, openaiBody({ stream: true }), openai);
      let wire = '';
      for await (const chunk of stream) wire += chunk;
      if (!wire.includes('[DONE]')) throw new Error('stream did not complete');
      await stream.usage;
      return stream.endpoint.id;
    }),
  );
}

function served(ids: Array<string | number>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of ids) counts[String(id)] = (counts[String(id)] ?? 0) + 1;
  return counts;
}

describe('200 concurrent calls against a pool whose cheapest endpoint fails', () => {
  it('loses no call, probes the recovering endpoint exactly once, and rejects nothing unhandled', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const breaker = { threshold: 3, recoveryTimeoutMs: 30_000 };
      const cheap: Provider = await openaiProvider({ id: 'cheap', inputPrice: 0.1, outputPrice: 0.1, breaker });
      const dear: Provider = await openaiProvider({ id: 'dear', breaker });
      const pool = poolOf([cheap, dear]);
      cheap.upstream.setFault({ type: 'http-error', status: 500 });

      expect(served(await burst(pool))).toEqual({ dear: CONCURRENCY });
      expect(cheap.endpoint.state).toBe('open');

      vi.setSystemTime(Date.now() + 30_000);
      const beforeProbe = cheap.upstream.calls.length;
      expect(served(await burst(pool))).toEqual({ dear: CONCURRENCY });
      expect(cheap.upstream.calls.length - beforeProbe).toBe(1);
      expect(cheap.endpoint.state).toBe('open');

      cheap.upstream.setFault(undefined);
      vi.setSystemTime(Date.now() + 30_000);
      const beforeRecovery = cheap.upstream.calls.length;
      const recovering = served(await burst(pool));
      expect(cheap.upstream.calls.length - beforeRecovery).toBe(1);
      expect(recovering).toEqual({ cheap: 1, dear: CONCURRENCY - 1 });
      expect(cheap.endpoint.state).toBe('closed');

      expect(served(await burst(pool))).toEqual({ cheap: CONCURRENCY });
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('concurrent calls waiting for an open endpoint to recover', () => {
  it('all succeed: the calls that lose the half-open probe to another wait for their turn instead of failing with no_endpoint', async () => {
    const only = await openaiProvider({ id: 'only', breaker: { threshold: 1, recoveryTimeoutMs: 100 } });
    const pool = poolOf([only], { retries: 1 });
    only.endpoint.markFail();
    expect(only.endpoint.state).toBe('open');

    const results = await Promise.allSettled(Array.from({ length: 20 }, () => request(pool, openaiBody(), openai)));

    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect(only.upstream.calls).toHaveLength(20);
    expect(only.endpoint.state).toBe('closed');
  });
});

describe('a call sent before the breaker opened, cancelled while the half-open probe is out', () => {
  it('does not free the probe slot: no second probe goes out', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const only = await openaiProvider({ id: 'only', breaker: { threshold: 1, recoveryTimeoutMs: 30_000 } });
    const pool = poolOf([only], { retries: 0 });
    const early = new AbortController();
    const probing = new AbortController();

    only.upstream.setFault({ type: 'slow-first-byte', delayMs: 60_000, times: 1 });
    const earlyCall = request(pool, openaiBody(), openai, { signal: early.signal });
    await until(() => only.upstream.calls.length === 1);
    only.upstream.setFault({ type: 'http-error', status: 500, times: 1 });
    await expect(request(pool, openaiBody(), openai)).rejects.toMatchObject({ category: 'server' });
    expect(only.endpoint.state).toBe('open');

    vi.setSystemTime(Date.now() + 30_000);
    only.upstream.setFault({ type: 'slow-first-byte', delayMs: 60_000, times: 1 });
    const probeCall = request(pool, openaiBody(), openai, { signal: probing.signal });
    await until(() => only.upstream.calls.length === 3);
    expect(only.endpoint.isCircuitBreakerOpen()).toBe(true);

    early.abort();
    await expect(earlyCall).rejects.toMatchObject({ category: 'canceled' });
    expect(only.endpoint.isCircuitBreakerOpen()).toBe(true);
    expect(only.endpoint.state).toBe('half_open');

    probing.abort();
    await expect(probeCall).rejects.toMatchObject({ category: 'canceled' });
    expect(only.endpoint.isCircuitBreakerOpen()).toBe(false);
  });
});
