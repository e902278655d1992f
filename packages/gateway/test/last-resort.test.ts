import { anthropic } from '@fluxcore/anthropic';
import type { ProtocolAdapter } from '@fluxcore/message';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../src/index.js';

const SECRET_DETAIL = 'formatError blew up on internal detail 0xdeadbeef';

/** The Anthropic adapter with a formatError that throws, as a buggy custom adapter might. */
const brokenAnthropic: ProtocolAdapter = {
  ...anthropic,
  formatError: () => {
    throw new Error(SECRET_DETAIL);
  },
};

let gateway: Gateway;
let url: string;
const logs: string[] = [];

beforeAll(async () => {
  const log = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  gateway = createGateway(
    {
      auth: { keys: ['gw-test-key-0001'] },
      keys: { upstream: { protocol: 'anthropic', baseURL: 'http://127.0.0.1:9', apiKey: 'sim-anthropic-upstream-key-0001' } },
      endpoints: { only: { key: 'upstream', model: 'm', inputPrice: 1, outputPrice: 1 } },
      models: { 'test-model': { endpoints: ['only'] } },
    },
    { protocols: { anthropic: brokenAnthropic }, log },
  );
  url = await gateway.start(0, '127.0.0.1');
});
afterAll(() => gateway.shutdown({ graceMs: 0 }));

function postMessages(body: unknown, key = 'gw-test-key-0001'): Promise<Response> {
  return fetch(`${url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify(body) });
}

async function expectBareInternalError(res: Response): Promise<void> {
  expect(res.status).toBe(500);
  const text = await res.text();
  expect(JSON.parse(text)).toEqual({ error: { message: 'internal gateway error', type: 'server_error', param: null, code: null } });
  expect(text).not.toContain('0xdeadbeef');
}

describe('an adapter whose formatError throws', () => {
  it('gets a bare OpenAI-shaped 500 for an error found while handling a chat, and the process keeps running', async () => {
    await expectBareInternalError(await postMessages({ model: 'not-served', max_tokens: 5, messages: [{ role: 'user', content: 'Hi' }] }));
    expect(logs.some((line) => line.includes('"level":50') && line.includes('0xdeadbeef'))).toBe(true);
  });

  it('gets the same 500 for an error found before the chat starts (wrong gateway key), not a throw from the request handler', async () => {
    await expectBareInternalError(await postMessages({ model: 'test-model' }, 'gw-wrong-key'));
  });

  it('leaves the gateway serving other requests', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
