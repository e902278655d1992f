import { openai } from '@fluxcore/openai';
import { validateOpenaiStream } from '@fluxcore/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, openaiBody, openaiProvider, poolOf, within } from './__fixtures__/harness.js';
import { request } from './request.js';
import { requestStream } from './stream.js';
import { MAX_AGENTS } from './transport.js';

afterEach(cleanup);

describe('transport: connections per pool', () => {
  it('keeps connections for at most a few distinct connect timeouts, however many a caller cycles through', async () => {
    const only = await openaiProvider();
    const pool = poolOf([only]);
    for (let connectMs = 1_000; connectMs < 1_020; connectMs++) {
      expect((await request(pool, openaiBody(), openai, { timeouts: { connectMs } })).status).toBe(200);
    }
    expect(await within(1_000, () => only.upstream.openConnections <= MAX_AGENTS)).toBe(true);
    expect(only.upstream.calls).toHaveLength(20);
  });

  it('lets a stream in flight on an evicted connection finish', async () => {
    const only = await openaiProvider({ frameDelayMs: 20, scenario: { text: 'still streaming', chunkSize: 3 } });
    const pool = poolOf([only]);
    const stream = await requestStream(pool, openaiBody({ stream: true }), openai, { timeouts: { connectMs: 999 } });
    for (let connectMs = 1_000; connectMs < 1_000 + MAX_AGENTS; connectMs++) await request(pool, openaiBody(), openai, { timeouts: { connectMs } });
    let wire = '';
    for await (const chunk of stream) wire += chunk;
    expect(validateOpenaiStream(wire)).toMatchObject({ text: 'still streaming', endedWithError: false });
  });
});
