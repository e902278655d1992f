import { openai } from '@fluxcore/openai';
import { afterEach, describe, expect, it } from 'vitest';
import { callFailure, cleanup, clientOf, openaiBody, openaiProvider, poolOf, until } from './__fixtures__/harness.js';
import { request } from './request.js';

// When the endpoint a call needs is briefly unavailable (a cooldown ending, an open breaker about
// to admit its probe, another call's probe in flight), the call waits for it within its budget
// instead of failing or spending its attempts on endpoints that just failed.

afterEach(cleanup);

/**
 * One endpoint whose breaker (300 ms recovery) has gone half-open, behind a client that may wait
 * 250 ms for an endpoint; its next answer, the probe's, takes `probeDelayMs` to its first byte.
 */
async function halfOpenWithSlowProbe(probeDelayMs: number) {
  const only = await openaiProvider({ breaker: { threshold: 1, recoveryTimeoutMs: 300 } });
  const client = clientOf(poolOf([only], { retries: 0 }), { maxRetryWaitMs: 250 });
  only.endpoint.markFail();
  await until(() => only.endpoint.state === 'half_open');
  only.upstream.setFault({ type: 'slow-first-byte', delayMs: probeDelayMs, times: 1 });
  return { only, client };
}

describe('waiting for an endpoint to come back', () => {
  it('waits for an endpoint not tried yet that comes back soon, rather than re-trying the one that just failed', async () => {
    const failing = await openaiProvider({ inputPrice: 0.1, outputPrice: 0.1 });
    const recovering = await openaiProvider({ id: 2 });
    failing.upstream.setFault({ type: 'http-error', status: 500 });
    recovering.endpoint.coolDown(Date.now() + 400);

    const result = await request(poolOf([failing, recovering], { retries: 1 }), openaiBody(), openai);

    expect(result.attempts.map((a) => [a.endpointId, a.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    expect(failing.upstream.calls).toHaveLength(1);
  });

  it('re-tries a failed endpoint when the one not tried yet comes back later than maxRetryWaitMs', async () => {
    const flaky = await openaiProvider({ inputPrice: 0.1, outputPrice: 0.1 });
    const resting = await openaiProvider({ id: 2 });
    flaky.upstream.setFault({ type: 'http-error', status: 500, times: 1 });
    resting.endpoint.coolDown(Date.now() + 60_000);
    const client = clientOf(poolOf([flaky, resting], { retries: 1 }), { maxRetryWaitMs: 1_000 });

    const result = await request(client, openaiBody(), openai);

    expect(result.attempts.map((a) => [a.endpointId, a.status])).toEqual([
      [1, 500],
      [1, 200],
    ]);
    expect(resting.upstream.calls).toHaveLength(0);
  });

  it("waits for the outcome of another call's half-open probe instead of failing with no_endpoint", async () => {
    // The breaker's recovery timeout is longer than the call may wait: only the probe's success,
    // not the reclaiming of its slot, can let the second call through in time.
    const { only, client } = await halfOpenWithSlowProbe(100);

    const probe = request(client, openaiBody(), openai);
    await until(() => only.endpoint.isProbing() && only.upstream.calls.length === 1);
    const waiting = request(client, openaiBody(), openai);

    const [probed, waited] = await Promise.all([probe, waiting]);
    expect([probed.attempts[0]!.status, waited.attempts[0]!.status]).toEqual([200, 200]);
    expect(waited.attempts[0]!.waitMs).toBeGreaterThan(0);
    expect(only.endpoint.state).toBe('closed');
  });

  it('gives up with no_endpoint once the probe it waited on fails and re-opens the breaker for longer than it may wait', async () => {
    const { only, client } = await halfOpenWithSlowProbe(1_000);

    // The probe times out waiting for its first byte: a counted failure that re-opens the breaker.
    const probe = callFailure(request(client, openaiBody(), openai, { timeouts: { firstByteMs: 50 } }));
    await until(() => only.endpoint.isProbing());
    const started = Date.now();
    const waiting = await callFailure(request(client, openaiBody(), openai));

    expect((await probe).category).toBe('timeout');
    expect(waiting.category).toBe('no_endpoint');
    expect(waiting.attempts).toEqual([]);
    expect(Date.now() - started).toBeLessThan(250);
  });

  it('keeps all its waits for endpoints within maxRetryWaitMs in total, not per wait', async () => {
    const only = await openaiProvider();
    const client = clientOf(poolOf([only], { retries: 5 }), { maxRetryWaitMs: 250 });
    only.upstream.setFault({ type: 'http-error', status: 429, retryAfter: 0.15 });

    const error = await callFailure(request(client, openaiBody(), openai));

    expect(error.category).toBe('rate_limit');
    expect(error.attempts).toHaveLength(2);
    expect(error.attempts.reduce((sum, a) => sum + (a.waitMs ?? 0), 0)).toBeLessThanOrEqual(250);
  });

  it('fails at once with no_endpoint when a custom strategy declines every available endpoint', async () => {
    const only = await openaiProvider();
    const client = clientOf(poolOf([only], { strategy: () => undefined }), { maxRetryWaitMs: 5_000 });
    const started = Date.now();

    const error = await callFailure(request(client, openaiBody(), openai));

    expect(error.category).toBe('no_endpoint');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(only.upstream.calls).toHaveLength(0);
  });
});
