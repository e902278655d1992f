import { openai } from '@fluxcore/openai';
import { startProxy, type TestProxy } from '@fluxcore/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, clientOf, openaiBody, openaiProvider, poolOf } from './__fixtures__/harness.js';
import { PoolClient } from './pool-client.js';
import { request } from './request.js';
import { requestStream } from './stream.js';

let proxy: TestProxy | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await cleanup();
  await proxy?.close();
  proxy = undefined;
});

async function setup() {
  proxy = await startProxy();
  const only = await openaiProvider({ scenario: { text: 'via the proxy' } });
  return { proxy, only, pool: poolOf([only]), target: new URL(only.upstream.url).host };
}

/** Sets the proxy variables in both spellings, as shells and CI runners may: HTTP_PROXY always, NO_PROXY when given. */
function stubProxyEnv(httpProxy: string, noProxy?: string): void {
  for (const [name, value] of [
    ['HTTP_PROXY', httpProxy],
    ['NO_PROXY', noProxy],
  ] as const) {
    if (value === undefined) continue;
    vi.stubEnv(name, value);
    vi.stubEnv(name.toLowerCase(), value);
  }
}

describe('client setting: proxy', () => {
  it('sends every upstream request through a proxy URL, with its credentials, streams included', async () => {
    const { proxy, only, pool, target } = await setup();
    const withCredentials = new URL(proxy.url);
    withCredentials.username = 'team';
    withCredentials.password = 's3cret';
    const client = clientOf(pool, { proxy: withCredentials.href });
    expect((await request(client, openaiBody(), openai)).body).toMatchObject({ choices: [{ message: { content: 'via the proxy' } }] });
    const stream = await requestStream(client, openaiBody({ stream: true }), openai);
    for await (const chunk of stream) expect(typeof chunk).toBe('string');
    expect(only.upstream.calls).toHaveLength(2);
    expect(proxy.requests.length).toBeGreaterThanOrEqual(1);
    expect(proxy.requests.every((r) => r.target === target)).toBe(true);
    expect(proxy.requests[0]!.headers['proxy-authorization']).toBe(`Basic ${Buffer.from('team:s3cret').toString('base64')}`);
  });

  it("follows HTTP_PROXY with 'env'", async () => {
    const { proxy, only, pool, target } = await setup();
    stubProxyEnv(proxy.url, '');
    expect((await request(clientOf(pool, { proxy: 'env' }), openaiBody(), openai)).status).toBe(200);
    expect(only.upstream.calls).toHaveLength(1);
    expect(proxy.requests.map((r) => r.target)).toEqual([target]);
  });

  it("goes direct with 'env' for a host NO_PROXY lists", async () => {
    const { proxy, only, pool } = await setup();
    stubProxyEnv(proxy.url, '127.0.0.1');
    expect((await request(clientOf(pool, { proxy: 'env' }), openaiBody(), openai)).status).toBe(200);
    expect(only.upstream.calls).toHaveLength(1);
    expect(proxy.requests).toEqual([]);
  });

  it('ignores proxy variables unless the client opts in', async () => {
    const { proxy, only, pool } = await setup();
    stubProxyEnv(proxy.url);
    expect((await request(pool, openaiBody(), openai)).status).toBe(200);
    expect(only.upstream.calls).toHaveLength(1);
    expect(proxy.requests).toEqual([]);
  });

  it.each(['socks://proxy:1080', 'not a url', '', 42])('refuses %j as a proxy', async (value) => {
    const { pool } = await setup();
    expect(() => new PoolClient(pool, { proxy: value as string })).toThrow(expect.objectContaining({ category: 'invalid_request', param: 'proxy' }) as Error);
  });

  it("refuses a proxy together with egress 'public-only', whose guard cannot see the addresses the proxy connects to", async () => {
    const { proxy, pool } = await setup();
    expect(() => new PoolClient(pool, { proxy: `http://user:hunter2@${new URL(proxy.url).host}`, egress: 'public-only' })).toThrow(
      expect.objectContaining({ category: 'invalid_request', param: 'proxy', message: expect.not.stringContaining('hunter2') as unknown }) as Error,
    );
  });
});
