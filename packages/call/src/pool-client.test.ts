import { openai } from '@fluxcore/openai';
import { validateOpenaiStream } from '@fluxcore/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { callFailure, cleanup, clientOf, openaiBody, openaiProvider, poolOf, until, within } from './__fixtures__/harness.js';
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_RETRY_WAIT_MS, DEFAULT_TIMEOUTS } from './options.js';
import { PoolClient } from './pool-client.js';
import { closePool, configurePool } from './pool-state.js';
import { request } from './request.js';
import { requestStream, type StreamResult } from './stream.js';

afterEach(cleanup);

const TEXT = 'one two three four five six';

async function onePool() {
  const only = await openaiProvider({ frameDelayMs: 15, scenario: { text: TEXT, chunkSize: 4 } });
  return { only, pool: poolOf([only], { retries: 0 }) };
}

async function streamedText(stream: StreamResult): Promise<string> {
  let wire = '';
  for await (const chunk of stream) wire += chunk;
  const result = validateOpenaiStream(wire);
  expect(result.endedWithError).toBe(false);
  return result.text;
}

describe('PoolClient: settings held where they are set', () => {
  it('runs the calls it is given under its settings, while calls given the bare pool keep the defaults', async () => {
    const { only, pool } = await onePool();
    const impatient = clientOf(pool, { timeouts: { firstByteMs: 100 } });
    only.upstream.setFault({ type: 'slow-first-byte', delayMs: 300 });
    expect((await callFailure(request(impatient, openaiBody(), openai))).category).toBe('timeout');
    expect((await request(pool, openaiBody(), openai)).status).toBe(200);
  });

  it('shows its settings with every default filled in, frozen', async () => {
    const { pool } = await onePool();
    const client = clientOf(pool, { timeouts: { idleMs: 5_000 }, egress: 'public-only' });
    expect(client.pool).toBe(pool);
    expect(client.settings).toEqual({
      timeouts: { ...DEFAULT_TIMEOUTS, idleMs: 5_000 },
      egress: 'public-only',
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
      connectionsPerOrigin: undefined,
      maxRetryWaitMs: DEFAULT_MAX_RETRY_WAIT_MS,
      proxy: undefined,
    });
    expect(Object.isFrozen(client.settings) && Object.isFrozen(client.settings.timeouts)).toBe(true);
  });

  it('refuses an invalid setting when it is created, naming the field', async () => {
    const { pool } = await onePool();
    expect(() => new PoolClient(pool, { maxResponseBytes: 0 })).toThrow(
      expect.objectContaining({ category: 'invalid_request', param: 'maxResponseBytes' }) as Error,
    );
  });
});

describe('PoolClient: its connections', () => {
  it('close() ends the calls in flight at once, and later calls reconnect', async () => {
    const { only, pool } = await onePool();
    const client = clientOf(pool, {});
    only.upstream.setFault({ type: 'slow-first-byte', delayMs: 5_000, times: 1 });
    const pending = callFailure(request(client, openaiBody(), openai));
    await until(() => only.upstream.calls.length === 1);
    await client.close();
    expect((await pending).category).toBe('network');
    expect((await request(client, openaiBody(), openai)).status).toBe(200);
  });

  it('closeWhenIdle() lets the calls in flight finish, and later calls reconnect', async () => {
    const { pool } = await onePool();
    const client = clientOf(pool, {});
    const stream = await requestStream(client, openaiBody({ stream: true }), openai);
    const closed = client.closeWhenIdle();
    expect(await streamedText(stream)).toBe(TEXT);
    await closed;
    expect((await request(client, openaiBody(), openai)).status).toBe(200);
  });
});

describe("configurePool: a pool's default client", () => {
  it('sets the settings of calls given the bare pool, and not those of a PoolClient of the same pool', async () => {
    const { only, pool } = await onePool();
    configurePool(pool, { timeouts: { firstByteMs: 100 } });
    only.upstream.setFault({ type: 'slow-first-byte', delayMs: 300 });
    expect((await callFailure(request(pool, openaiBody(), openai))).category).toBe('timeout');
    expect((await request(clientOf(pool, {}), openaiBody(), openai)).status).toBe(200);
  });

  it('applies from the next call on, and lets the calls in flight under the previous settings finish', async () => {
    const { only, pool } = await onePool();
    const stream = await requestStream(pool, openaiBody({ stream: true }), openai);
    configurePool(pool, { timeouts: { firstByteMs: 100 } });
    expect(await streamedText(stream)).toBe(TEXT);
    only.upstream.setFault({ type: 'slow-first-byte', delayMs: 300 });
    expect((await callFailure(request(pool, openaiBody(), openai))).category).toBe('timeout');
  });

  it("closePool closes the default client's connections, not those of a PoolClient of the same pool", async () => {
    const { only, pool } = await onePool();
    const stream = await requestStream(clientOf(pool, {}), openaiBody({ stream: true }), openai);
    await request(pool, openaiBody(), openai);
    expect(only.upstream.openConnections).toBe(2);
    await closePool(pool);
    expect(await within(500, () => only.upstream.openConnections === 1)).toBe(true);
    expect(await streamedText(stream)).toBe(TEXT);
  });
});
