import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { openai } from '@fluxcore/openai';
import { Endpoint, EndpointPool, isPrivateIP } from '@fluxcore/routing';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, clientOf, openaiBody, openaiProvider, poolOf } from './__fixtures__/harness.js';
import { CallError } from './call-error.js';
import { request } from './request.js';

afterEach(cleanup);

async function localProvider() {
  return openaiProvider();
}

/** A pool with one endpoint on the same simulated upstream, reached through another host name. */
function poolVia(host: string, target: Awaited<ReturnType<typeof localProvider>>): EndpointPool {
  const { key } = target.endpoint;
  const url = new URL(key.baseURL);
  url.hostname = host;
  return new EndpointPool([new Endpoint({ id: 'via', key: { ...key, baseURL: url.origin }, inputPrice: 1, outputPrice: 1 })], { retries: 0 });
}

async function blocked(pool: EndpointPool): Promise<CallError> {
  const error = await request(clientOf(pool, { egress: 'public-only' }), openaiBody(), openai).catch((e: unknown) => e);
  if (!(error instanceof CallError)) throw new Error(`expected a CallError, got ${String(error)}`);
  return error;
}

describe('egress guard', () => {
  it('is off by default: a local model on 127.0.0.1 is reachable', async () => {
    const local = await localProvider();
    expect((await request(poolOf([local]), openaiBody(), openai)).status).toBe(200);
  });

  it('refuses a private IP literal before connecting when public-only', async () => {
    const local = await localProvider();
    const error = await blocked(poolOf([local], { retries: 0 }));
    expect(error.category).toBe('network');
    expect(error.message).toContain('egress guard');
    expect(local.upstream.calls).toHaveLength(0);
    expect(local.upstream.openConnections).toBe(0);
  });

  it('refuses localhost by name when public-only', async () => {
    const local = await localProvider();
    const error = await blocked(poolVia('localhost', local));
    expect(error.message).toContain('egress guard: localhost');
    expect(local.upstream.calls).toHaveLength(0);
  });

  it('checks the addresses DNS returns for a name, and refuses a private one', async () => {
    const local = await localProvider();
    const name = hostname();
    const addresses = await lookup(name, { all: true });
    expect(
      addresses.every((a) => isPrivateIP(a.address)),
      `${name} must resolve to private addresses on a test machine`,
    ).toBe(true);
    const error = await blocked(poolVia(name, local));
    expect(error.message).toMatch(new RegExp(`egress guard: ${name} \\(`));
    expect(local.upstream.calls).toHaveLength(0);
  });
});
