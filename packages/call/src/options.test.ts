import { openai } from '@fluxcore/openai';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, clientOf, openaiBody, openaiProvider, poolOf } from './__fixtures__/harness.js';
import { MAX_TIMEOUT_MS } from './options.js';
import { PoolClient } from './pool-client.js';
import { request } from './request.js';
import { requestStream } from './stream.js';

afterEach(cleanup);

async function onePool() {
  const cheap = await openaiProvider({ inputPrice: 0.1, outputPrice: 0.4 });
  return { cheap, pool: poolOf([cheap]) };
}

describe('timeouts: validation', () => {
  it.each(['connectMs', 'firstByteMs', 'idleMs', 'totalMs'] as const)('refuses a client %s longer than a timer can wait, naming the field', async (field) => {
    const { pool } = await onePool();
    expect(() => new PoolClient(pool, { timeouts: { [field]: MAX_TIMEOUT_MS + 1 } })).toThrow(
      expect.objectContaining({ category: 'invalid_request', param: `timeouts.${field}` }) as Error,
    );
  });

  it('refuses a request timeout longer than a timer can wait, without calling any endpoint', async () => {
    const { cheap, pool } = await onePool();
    const error = await request(pool, openaiBody(), openai, { timeouts: { firstByteMs: 2 ** 31 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ category: 'invalid_request', param: 'options.timeouts.firstByteMs' });
    await expect(requestStream(pool, openaiBody({ stream: true }), openai, { timeouts: { totalMs: 1e12 } })).rejects.toMatchObject({
      param: 'options.timeouts.totalMs',
    });
    expect(cheap.upstream.calls).toHaveLength(0);
  });

  it('accepts the longest delay a timer honours', async () => {
    const { pool } = await onePool();
    const client = clientOf(pool, { timeouts: { totalMs: MAX_TIMEOUT_MS } });
    expect((await request(client, openaiBody(), openai, { timeouts: { idleMs: MAX_TIMEOUT_MS } })).status).toBe(200);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, '100'])('refuses %s as a timeout', async (value) => {
    const { pool } = await onePool();
    expect(() => new PoolClient(pool, { timeouts: { idleMs: value as number } })).toThrow(expect.objectContaining({ param: 'timeouts.idleMs' }) as Error);
  });
});
