import { afterEach, describe, expect, it } from 'vitest';
import { GATEWAY_KEY, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const openaiChat = { model: 'test-model', messages: [{ role: 'user', content: 'Hi' }] };
const anthropicChat = { model: 'test-model', max_tokens: 20, messages: [{ role: 'user', content: 'Hi' }] };

function post(path: string, body: unknown): Promise<Response> {
  return fetch(h!.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${GATEWAY_KEY}` },
    body: JSON.stringify(body),
  });
}

/** Two endpoints whose provider refuses the gateway's key with `status`, behind client auth. */
async function everyKeyRefused(status: number): Promise<Harness> {
  const harness = await startHarness(
    { first: { protocol: 'openai', inputPrice: 1, outputPrice: 1 }, second: { protocol: 'anthropic', inputPrice: 2, outputPrice: 2 } },
    { auth: { keys: [GATEWAY_KEY] }, retries: 1 },
  );
  for (const upstream of Object.values(harness.upstreams)) upstream.setFault({ type: 'http-error', status });
  return harness;
}

describe("every endpoint refusing the gateway's provider key", () => {
  it.each([
    [401, 'OpenAI', '/v1/chat/completions', openaiChat, { code: 'invalid_api_key' }],
    [401, 'Anthropic', '/v1/messages', anthropicChat, { type: 'authentication_error' }],
    [403, 'Anthropic', '/v1/messages', anthropicChat, { type: 'permission_error' }],
  ])(
    'answers a %i from every provider 502 in the %s protocol with the category kept, so the client SDK does not blame its own valid gateway key',
    async (status, _protocol, path, body, error) => {
      h = await everyKeyRefused(status);
      const res = await post(path, body);
      expect(res.status).toBe(502);
      expect(await res.json()).toMatchObject({ error: { ...error, message: expect.stringContaining('every endpoint tried rejected its key') } });
      expect(h.upstreams.first!.calls).toHaveLength(1);
      expect(h.upstreams.second!.calls).toHaveLength(1);
    },
  );

  it('says only the last endpoint rejected its key when an earlier one failed otherwise', async () => {
    h = await everyKeyRefused(401);
    h.upstreams.first!.setFault({ type: 'http-error', status: 500 });
    const res = await post('/v1/chat/completions', openaiChat);
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('the last endpoint tried rejected its key');
  });

  it("keeps 401 for a wrong gateway key, the only case that is the client's fault", async () => {
    h = await everyKeyRefused(401);
    const res = await fetch(`${h.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer gw-wrong-key-0000' },
      body: JSON.stringify(openaiChat),
    });
    expect(res.status).toBe(401);
    expect(h.upstreams.first!.calls).toHaveLength(0);
  });
});

describe('a stream whose failover runs out after an upstream answered 200 but before any content', () => {
  it('is answered with a clean HTTP error in the caller protocol, not a 200 carrying only an error signal', async () => {
    h = await startHarness(
      { broken: { protocol: 'anthropic', inputPrice: 1, outputPrice: 1 }, busy: { protocol: 'gemini', inputPrice: 2, outputPrice: 2 } },
      { retries: 1 },
    );
    h.upstreams.broken!.setFault({ type: 'reset', afterFrames: 1 });
    h.upstreams.busy!.setFault({ type: 'http-error', status: 503 });
    const res = await post('/v1/chat/completions', { ...openaiChat, stream: true });
    expect(h.upstreams.broken!.calls[0]?.status).toBe(200);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toMatchObject({ error: { type: 'server_error' } });
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toContain('fluxcore_requests_total{route="/v1/chat/completions",endpoint="none",status="503"} 1');
  });
});
