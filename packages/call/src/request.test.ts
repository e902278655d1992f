import { isFluxError, type FluxError } from '@fluxcore/errors';
import { openai } from '@fluxcore/openai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callCounts, callFailure, cleanup, clientOf, openaiBody, openaiProvider, poolOf, until, type ProviderSpec } from './__fixtures__/harness.js';
import { formatError } from './call-error.js';
import { request } from './request.js';

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await cleanup();
});

/** Two OpenAI-speaking providers: `cheap` (id 1) and `dear` (id 2). */
async function twoProviders(overrides: Partial<ProviderSpec> = {}) {
  const cheap = await openaiProvider({ id: 1, inputPrice: 0.1, outputPrice: 0.4, ...overrides });
  const dear = await openaiProvider({ id: 2, inputPrice: 1, outputPrice: 4, ...overrides });
  return { cheap, dear };
}

describe('request: routing and failover', () => {
  it('serves from the cheapest healthy endpoint, fails over while its breaker is open, and returns to it after recovery', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { cheap, dear } = await twoProviders({ breaker: { threshold: 2, recoveryTimeoutMs: 30_000 } });
    const pool = poolOf([dear, cheap], { retries: 1 });

    expect((await request(pool, openaiBody(), openai)).endpoint).toBe(cheap.endpoint);

    cheap.upstream.setFault({ type: 'http-error', status: 500 });
    for (let i = 0; i < 2; i++) expect((await request(pool, openaiBody(), openai)).endpoint).toBe(dear.endpoint);
    expect(cheap.endpoint.isCircuitBreakerOpen()).toBe(true);
    const whileOpen = await request(pool, openaiBody(), openai);
    expect(whileOpen.endpoint).toBe(dear.endpoint);
    expect(whileOpen.attempts.map((a) => a.endpointId)).toEqual([2]);

    cheap.upstream.setFault(undefined);
    vi.setSystemTime(Date.now() + 30_000);
    const recovered = await request(pool, openaiBody(), openai);
    expect(recovered.endpoint).toBe(cheap.endpoint);
    expect(cheap.endpoint.state).toBe('closed');
    expect(callCounts([cheap, dear])).toEqual({ 1: 4, 2: 3 });
  });

  it('makes at most 1 + retries attempts (retries: 3 makes 4)', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'http-error', status: 500 });
    dear.upstream.setFault({ type: 'http-error', status: 503 });
    const error = await callFailure(request(poolOf([cheap, dear], { retries: 3 }), openaiBody(), openai));
    expect(error.attempts.map((a) => a.endpointId)).toEqual([1, 2, 1, 2]);
    expect(callCounts([cheap, dear])).toEqual({ 1: 2, 2: 2 });
    expect(error.category).toBe('overloaded');
  });

  it('makes exactly one attempt with retries: 0', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'http-error', status: 500 });
    const error = await callFailure(request(poolOf([cheap, dear], { retries: 0 }), openaiBody(), openai));
    expect(error.category).toBe('server');
    expect(callCounts([cheap, dear])).toEqual({ 1: 1, 2: 0 });
  });

  it('returns a 400 to the caller in its own protocol, with no failover and the breaker untouched', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'http-error', status: 400, message: 'messages[0] is malformed' });
    const error = await callFailure(request(poolOf([cheap, dear]), openaiBody(), openai));
    expect(error.category).toBe('invalid_request');
    expect(callCounts([cheap, dear])).toEqual({ 1: 1, 2: 0 });
    expect(cheap.endpoint.consecutiveFailures).toBe(0);
    expect(cheap.endpoint.state).toBe('closed');
    const formatted = formatError(error, openai);
    expect(formatted.status).toBe(400);
    expect(formatted.body).toMatchObject({ error: { message: expect.stringContaining('messages[0] is malformed') as unknown } });
  });

  it('fails over on a 404 for the model the endpoint names, and counts it against that endpoint', async () => {
    const { cheap, dear } = await twoProviders({ model: 'retired-model' });
    cheap.upstream.setFault({ type: 'http-error', status: 404, message: 'The model retired-model does not exist' });
    const result = await request(poolOf([cheap, dear]), openaiBody(), openai);
    expect(result.endpoint).toBe(dear.endpoint);
    expect(result.attempts).toMatchObject([
      { endpointId: 1, status: 404, category: 'not_found' },
      { endpointId: 2, status: 200 },
    ]);
    expect(cheap.endpoint.consecutiveFailures).toBe(1);
  });

  it('answers a 5xx, not a 404, when every endpoint names a model its upstream does not know', async () => {
    const { cheap, dear } = await twoProviders({ model: 'retired-model' });
    cheap.upstream.setFault({ type: 'http-error', status: 404 });
    dear.upstream.setFault({ type: 'http-error', status: 404 });
    const error = await callFailure(request(poolOf([cheap, dear], { retries: 1 }), openaiBody(), openai));
    expect(error).toMatchObject({ category: 'not_found', status: 502, upstreamStatus: 404 });
    expect(error.message).toContain('endpoint 2 names a model the upstream does not know');
    expect(formatError(error, openai).status).toBe(502);
  });

  it("returns a 404 for the caller's own model to the caller, with no failover and the breaker untouched", async () => {
    const { cheap, dear } = await twoProviders({ model: '' });
    cheap.upstream.setFault({ type: 'http-error', status: 404 });
    const error = await callFailure(request(poolOf([cheap, dear]), openaiBody(), openai));
    expect(error).toMatchObject({ category: 'not_found', status: 404 });
    expect(callCounts([cheap, dear])).toEqual({ 1: 1, 2: 0 });
    expect(cheap.endpoint.consecutiveFailures).toBe(0);
  });

  it('fails over on a 401 and opens that endpoint at once', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'http-error', status: 401 });
    const result = await request(poolOf([cheap, dear]), openaiBody(), openai);
    expect(result.endpoint).toBe(dear.endpoint);
    expect(result.attempts).toMatchObject([
      { endpointId: 1, status: 401, category: 'authentication' },
      { endpointId: 2, status: 200 },
    ]);
    expect(cheap.endpoint.isCircuitBreakerOpen()).toBe(true);
  });

  it('cools an endpoint down for its Retry-After while the others serve, then uses it again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { cheap, dear } = await twoProviders();
    const pool = poolOf([cheap, dear]);
    cheap.upstream.setFault({ type: 'http-error', status: 429, retryAfter: 2, times: 1 });
    const first = await request(pool, openaiBody(), openai);
    expect(first.endpoint).toBe(dear.endpoint);
    expect(first.attempts.map((a) => [a.endpointId, a.category])).toEqual([
      [1, 'rate_limit'],
      [2, undefined],
    ]);

    vi.setSystemTime(Date.now() + 1_900);
    expect((await request(pool, openaiBody(), openai)).endpoint).toBe(dear.endpoint);
    vi.setSystemTime(Date.now() + 100);
    expect((await request(pool, openaiBody(), openai)).endpoint).toBe(cheap.endpoint);
    expect(callCounts([cheap, dear])).toEqual({ 1: 2, 2: 2 });
  });

  it('waits out a short Retry-After when no other endpoint is left', async () => {
    const { cheap } = await twoProviders();
    cheap.upstream.setFault({ type: 'http-error', status: 429, retryAfter: 0.2, times: 1 });
    const result = await request(poolOf([cheap]), openaiBody(), openai);
    expect(result.attempts.map((a) => a.status)).toEqual([429, 200]);
    expect(cheap.upstream.calls[1]!.receivedAt - cheap.upstream.calls[0]!.receivedAt).toBeGreaterThanOrEqual(190);
  });

  it("records the Retry-After sleep as the next attempt's waitMs, apart from the time waiting on the upstream", async () => {
    const { cheap } = await twoProviders();
    cheap.upstream.setFault({ type: 'http-error', status: 429, retryAfter: 0.2, times: 1 });
    const [first, second] = (await request(poolOf([cheap]), openaiBody(), openai)).attempts;
    expect(first!.waitMs).toBeUndefined();
    expect(second!.waitMs).toBeGreaterThanOrEqual(190);
    expect(second!.upstreamMs).toBeLessThan(second!.waitMs!);
  });

  it('gives up at once when the only endpoint asks for a wait longer than maxRetryWaitMs', async () => {
    const { cheap } = await twoProviders();
    const client = clientOf(poolOf([cheap]), { maxRetryWaitMs: 1_000 });
    cheap.upstream.setFault({ type: 'http-error', status: 429, retryAfter: 30 });
    const error = await callFailure(request(client, openaiBody(), openai));
    expect(error.category).toBe('rate_limit');
    expect(error.retryAfterMs).toBe(30_000);
    expect(cheap.upstream.calls).toHaveLength(1);
  });

  it('fails with no_endpoint when every breaker is open', async () => {
    const { cheap } = await twoProviders();
    cheap.endpoint.markFail(new (await import('@fluxcore/errors')).FluxError({ category: 'authentication', message: 'bad key' }));
    const error = await callFailure(request(poolOf([cheap]), openaiBody(), openai));
    expect(error.category).toBe('no_endpoint');
    expect(error.attempts).toEqual([]);
    expect(cheap.upstream.calls).toHaveLength(0);
  });

  it('ends the call with a CallError keeping the cause when a custom strategy throws', async () => {
    const { cheap } = await twoProviders();
    const bug = new RangeError('strategy bug');
    const pool = poolOf([cheap], {
      strategy: () => {
        throw bug;
      },
    });
    const error = await callFailure(request(pool, openaiBody(), openai));
    expect(error).toMatchObject({ category: 'server', status: 500, cause: bug });
    expect(error.attempts).toEqual([]);
    expect(cheap.upstream.calls).toHaveLength(0);
  });

  it.each([
    ['a refused connection', { type: 'refuse' }, 'network'],
    ['a reset mid-body', { type: 'reset', afterFrames: 1 }, 'network'],
    ['malformed JSON', { type: 'malformed-json' }, 'upstream_protocol'],
    ['a truncated body', { type: 'truncate', afterFrames: 1 }, 'upstream_protocol'],
    ['a 529 overloaded', { type: 'http-error', status: 529 }, 'overloaded'],
  ] as const)('fails over on %s and counts it against the endpoint', async (_name, fault, category) => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault(fault);
    const result = await request(poolOf([cheap, dear]), openaiBody(), openai);
    expect(result.endpoint).toBe(dear.endpoint);
    expect(result.attempts[0]).toMatchObject({ endpointId: 1, category });
    expect(cheap.endpoint.consecutiveFailures).toBe(1);
  });

  it('records every attempt without any API key', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'http-error', status: 500 });
    const result = await request(poolOf([cheap, dear]), openaiBody(), openai);
    expect(result.attempts).toEqual([
      {
        endpointId: 1,
        protocol: 'openai',
        status: 500,
        category: 'server',
        durationMs: expect.any(Number) as number,
        firstByteMs: expect.any(Number) as number,
        upstreamMs: expect.any(Number) as number,
      },
      {
        endpointId: 2,
        protocol: 'openai',
        status: 200,
        durationMs: expect.any(Number) as number,
        firstByteMs: expect.any(Number) as number,
        upstreamMs: expect.any(Number) as number,
      },
    ]);
    expect(JSON.stringify(result.attempts)).not.toContain('sk-test');
  });
});

describe('request: bodies', () => {
  it('returns the answer in the caller protocol with status and upstream headers', async () => {
    const { cheap } = await twoProviders({ scenario: { text: 'Hi there', usage: { inputTokens: 20, outputTokens: 3 } } });
    const result = await request(poolOf([cheap]), openaiBody(), openai);
    expect(result.status).toBe(200);
    expect(result.headers?.['content-type']).toBe('application/json');
    expect(result.body).toMatchObject({ object: 'chat.completion', choices: [{ message: { role: 'assistant', content: 'Hi there' } }] });
  });

  it('forwards the client body as is on the same-protocol path, but for the endpoint model', async () => {
    const { cheap } = await twoProviders({ model: 'upstream-model' });
    await request(poolOf([cheap]), openaiBody({ logprobs: true, metadata: { team: 'a' }, stream: true }), openai);
    const sent = cheap.upstream.calls[0]!.body;
    expect(sent).toEqual({ ...openaiBody({ logprobs: true, metadata: { team: 'a' } }), model: 'upstream-model' });
  });

  it('accepts the body as a string, as bytes, or as an object', async () => {
    const { cheap } = await twoProviders();
    const pool = poolOf([cheap]);
    const text = JSON.stringify(openaiBody());
    for (const raw of [text, new TextEncoder().encode(text), openaiBody()]) {
      expect((await request(pool, raw, openai)).status).toBe(200);
    }
  });

  it.each([
    ['text that is not JSON', '{"model":'],
    ['a JSON array', '[]'],
    ['a request the adapter rejects', JSON.stringify({ model: 'x' })],
    [
      'a tool schema nested too deeply to serialise',
      `{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}}}]}`,
    ],
  ])('rejects %s as invalid_request without calling any endpoint', async (_name, raw) => {
    const { cheap } = await twoProviders();
    const error = await request(poolOf([cheap]), raw, openai).catch((e: unknown) => e as FluxError);
    expect(isFluxError(error) && error.category).toBe('invalid_request');
    expect(cheap.upstream.calls).toHaveLength(0);
  });

  it('reads at most 64 KiB of an error body and still classifies it by status', async () => {
    const { cheap } = await twoProviders();
    cheap.upstream.setFault({ type: 'http-error', status: 500, message: 'é'.repeat(200_000) });
    const error = await callFailure(request(poolOf([cheap], { retries: 0 }), openaiBody(), openai));
    expect(error.category).toBe('server');
    expect(error.message.length).toBeLessThan(64 * 1024);
    expect(error.message).not.toContain('\uFFFD');
  });

  it('does not follow a redirect: it is an upstream_protocol failure that fails over', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'http-error', status: 307, headers: { location: `${dear.upstream.url}/v1/chat/completions` } });
    const error = await callFailure(request(poolOf([cheap, dear], { retries: 0 }), openaiBody(), openai));
    expect(error).toMatchObject({ category: 'upstream_protocol', upstreamStatus: 307 });
    expect(dear.upstream.calls).toHaveLength(0);
  });

  it('fails over when a body exceeds the response cap', async () => {
    const { cheap, dear } = await twoProviders();
    const client = clientOf(poolOf([cheap, dear]), { maxResponseBytes: 64 * 1024 });
    cheap.upstream.setFault({ type: 'oversized', bytes: 64 * 1024 * 1024 });
    const result = await request(client, openaiBody(), openai);
    expect(result.endpoint).toBe(dear.endpoint);
    expect(result.attempts[0]).toMatchObject({ category: 'upstream_protocol' });
    const call = cheap.upstream.calls[0]!;
    await call.done;
    expect(call.aborted).toBe(true);
    expect(call.bytesSent).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('request: timeouts and cancellation', () => {
  it('fails over when the first byte is too slow', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'slow-first-byte', delayMs: 5_000 });
    const result = await request(poolOf([cheap, dear]), openaiBody(), openai, { timeouts: { firstByteMs: 150 } });
    expect(result.endpoint).toBe(dear.endpoint);
    expect(result.attempts[0]).toMatchObject({ endpointId: 1, category: 'timeout' });
    expect(result.attempts[0]!.durationMs).toBeGreaterThanOrEqual(140);
  });

  it('fails over when the headers come at once but the body is too slow, even with keep-alives flowing', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'slow-first-token', delayMs: 5_000, keepAliveMs: 50 });
    const result = await request(poolOf([cheap, dear]), openaiBody(), openai, { timeouts: { firstByteMs: 200, idleMs: 1_000, totalMs: 1_500 } });
    expect(result.endpoint).toBe(dear.endpoint);
    expect(result.attempts[0]).toMatchObject({ endpointId: 1, status: 200, category: 'timeout' });
    expect(cheap.endpoint.consecutiveFailures).toBe(1);
  });

  it('fails over when the body stalls longer than the idle timeout', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'stall', afterFrames: 1 });
    const result = await request(poolOf([cheap, dear]), openaiBody(), openai, { timeouts: { idleMs: 150 } });
    expect(result.endpoint).toBe(dear.endpoint);
    expect(result.attempts[0]).toMatchObject({ endpointId: 1, status: 200, category: 'timeout' });
  });

  it("takes the client's timeouts and lets a request override them", async () => {
    const { cheap } = await twoProviders();
    const client = clientOf(poolOf([cheap], { retries: 0 }), { timeouts: { firstByteMs: 100 } });
    cheap.upstream.setFault({ type: 'slow-first-byte', delayMs: 300 });
    expect((await callFailure(request(client, openaiBody(), openai))).category).toBe('timeout');
    expect((await request(client, openaiBody(), openai, { timeouts: { firstByteMs: 5_000 } })).status).toBe(200);
  });

  it('ends the whole call at the total timeout without blaming the endpoint', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'slow-first-byte', delayMs: 5_000 });
    const error = await callFailure(request(poolOf([cheap, dear]), openaiBody(), openai, { timeouts: { totalMs: 150 } }));
    expect(error.category).toBe('timeout');
    expect(error.message).toContain('total timeout');
    expect(callCounts([cheap, dear])).toEqual({ 1: 1, 2: 0 });
    expect(cheap.endpoint.consecutiveFailures).toBe(0);
  });

  it('propagates a caller abort upstream within 100 ms', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'slow-first-byte', delayMs: 5_000 });
    const controller = new AbortController();
    const pending = request(poolOf([cheap, dear]), openaiBody(), openai, { signal: controller.signal });
    await until(() => cheap.upstream.calls.length === 1);
    const abortedAt = Date.now();
    controller.abort();
    const error = await callFailure(pending);
    expect(error.category).toBe('canceled');
    const call = cheap.upstream.calls[0]!;
    await call.done;
    expect(call.aborted).toBe(true);
    expect(call.closedAt! - abortedAt).toBeLessThan(100);
    expect(dear.upstream.calls).toHaveLength(0);
    expect(cheap.endpoint.consecutiveFailures).toBe(0);
  });

  it('releases a half-open probe it claimed when the call is aborted during the backoff', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.99);
    const { cheap, dear } = await twoProviders({ breaker: { threshold: 1, recoveryTimeoutMs: 50 } });
    cheap.upstream.setFault({ type: 'http-error', status: 500 });
    dear.upstream.setFault({ type: 'slow-first-byte', delayMs: 5_000 });
    const controller = new AbortController();
    const pending = request(poolOf([cheap, dear]), openaiBody(), openai, { signal: controller.signal, timeouts: { firstByteMs: 100 } });
    await until(() => cheap.endpoint.state === 'half_open' && cheap.endpoint.isCircuitBreakerOpen());
    controller.abort();
    expect((await callFailure(pending)).category).toBe('canceled');
    expect(cheap.endpoint.isCircuitBreakerOpen()).toBe(false);
    expect(cheap.upstream.calls).toHaveLength(1);
  });

  it('does not start when the signal is already aborted', async () => {
    const { cheap } = await twoProviders();
    const error = await callFailure(request(poolOf([cheap]), openaiBody(), openai, { signal: AbortSignal.abort() }));
    expect(error.category).toBe('canceled');
    expect(cheap.upstream.calls).toHaveLength(0);
  });
});

describe('request: attempt timing', () => {
  it('records the time spent waiting on the upstream: its slow first byte is in upstreamMs, within the attempt', async () => {
    const { cheap } = await twoProviders();
    cheap.upstream.setFault({ type: 'slow-first-byte', delayMs: 150, times: 1 });
    const [attempt] = (await request(poolOf([cheap]), openaiBody(), openai)).attempts;
    expect(attempt!.upstreamMs).toBeGreaterThanOrEqual(140);
    expect(attempt!.upstreamMs).toBeLessThanOrEqual(attempt!.durationMs + 1);
  });
});
