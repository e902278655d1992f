import { startProxy, type TestProxy } from '@fluxcore/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRuntime } from '../src/runtime.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
let proxy: TestProxy | undefined;

afterEach(async () => {
  await h?.close();
  await proxy?.close();
  h = undefined;
  proxy = undefined;
});

const chat = { model: 'test-model', messages: [{ role: 'user', content: 'Hi' }] };

function post(body: unknown): Promise<Response> {
  return fetch(`${h!.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('upstream settings in the config', () => {
  it('sends every upstream request through upstream.proxy, streams included', async () => {
    proxy = await startProxy();
    h = await startHarness({ only: { protocol: 'openai', inputPrice: 1, outputPrice: 1 } }, { upstream: { proxy: proxy.url } });
    expect((await post(chat)).status).toBe(200);
    const streamed = await post({ ...chat, stream: true });
    expect(streamed.status).toBe(200);
    expect(await streamed.text()).toContain('data: [DONE]');
    expect(h.upstreams.only!.calls).toHaveLength(2);
    expect(proxy.requests.length).toBeGreaterThanOrEqual(1);
    expect(proxy.requests.every((r) => r.target === new URL(h!.upstreams.only!.url).host)).toBe(true);
  });

  it('refuses upstreams on private addresses with upstream.egress "public-only": the upstream is never reached', async () => {
    h = await startHarness({ local: { protocol: 'openai', inputPrice: 1, outputPrice: 1 } }, { upstream: { egress: 'public-only' } });
    const res = await post(chat);
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: { code: 'upstream_unreachable', message: expect.stringContaining('not a public address') } });
    expect(h.upstreams.local!.calls).toHaveLength(0);
  });

  it('bounds the wait for a cooling endpoint with models.<name>.maxRetryWaitMs', async () => {
    h = await startHarness(
      { only: { protocol: 'openai', inputPrice: 1, outputPrice: 1 } },
      { retries: 1, extraModels: { impatient: { endpoints: ['only'], retries: 1, maxRetryWaitMs: 0 } } },
    );
    h.upstreams.only!.setFault({ type: 'http-error', status: 429, retryAfter: 0.3, times: 1 });
    const impatient = await post({ ...chat, model: 'impatient' });
    expect(impatient.status).toBe(429);
    expect(h.upstreams.only!.calls).toHaveLength(1);

    h.upstreams.only!.setFault({ type: 'http-error', status: 429, retryAfter: 0.3, times: 1 });
    await new Promise((resolve) => setTimeout(resolve, 350));
    const patient = await post(chat);
    expect(patient.status).toBe(200);
    expect(h.upstreams.only!.calls).toHaveLength(3);
  });
});

describe('buildRuntime', () => {
  it('gives each endpoint its cacheWritePrice', () => {
    const runtime = buildRuntime({
      keys: { a: { protocol: 'anthropic', baseURL: 'https://api.anthropic.com', apiKey: 'sk-ant-test' } },
      endpoints: { sonnet: { key: 'a', inputPrice: 3, outputPrice: 15, cachedInputPrice: 0.3, cacheWritePrice: 3.75 } },
      models: { smart: { endpoints: ['sonnet'] } },
    });
    expect(runtime.endpoints.get('sonnet')).toMatchObject({ cachedInputPrice: 0.3, cacheWritePrice: 3.75 });
  });
});
