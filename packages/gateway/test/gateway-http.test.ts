import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_KEY, startHarness, upstreamKey, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness(
    {
      cheap: { protocol: 'gemini', inputPrice: 0.1, outputPrice: 0.4 },
      pricey: { protocol: 'openai', inputPrice: 2, outputPrice: 8 },
    },
    { auth: { keys: [GATEWAY_KEY] }, limits: { maxBodyBytes: 4096 } },
  );
});
afterAll(() => h.close());

const chat = { model: 'test-model', messages: [{ role: 'user', content: 'Hi' }] };
const auth = { authorization: `Bearer ${GATEWAY_KEY}` };

function post(path: string, body: unknown, headers: Record<string, string> = auth): Promise<Response> {
  return fetch(h.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('chat routes', () => {
  it('serves an OpenAI request from the cheapest endpoint, with the endpoint and overhead headers', async () => {
    const res = await post('/v1/chat/completions', chat);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-fluxcore-endpoint')).toBe('cheap');
    expect(Number(res.headers.get('x-fluxcore-overhead-ms'))).toBeGreaterThanOrEqual(0);
    const body = (await res.json()) as { object: string; choices: Array<{ message: { content: string } }> };
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0]?.message.content).toBe('Hello from the simulated upstream.');
  });

  it('sends a complete answer with its content-length, not in chunks', async () => {
    const res = await post('/v1/chat/completions', chat);
    const bytes = await res.arrayBuffer();
    expect(res.headers.get('transfer-encoding')).toBeNull();
    expect(Number(res.headers.get('content-length'))).toBe(bytes.byteLength);
  });

  it('reads the Gemini model from the path and answers in Gemini format', async () => {
    const res = await post(
      '/v1beta/models/pricey:generateContent',
      { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] },
      { 'x-goog-api-key': GATEWAY_KEY },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-fluxcore-endpoint')).toBe('pricey');
    const body = (await res.json()) as { candidates: Array<{ content: { parts: Array<{ text: string }> } }> };
    expect(body.candidates[0]?.content.parts[0]?.text).toBe('Hello from the simulated upstream.');
  });

  it('answers an unknown model with 404 in the caller protocol', async () => {
    const openai = await post('/v1/chat/completions', { ...chat, model: 'nope' });
    expect(openai.status).toBe(404);
    expect(((await openai.json()) as { error: { message: string } }).error.message).toContain('"nope" is not served');
    const anthropic = await post('/v1/messages', { model: 'nope', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] });
    expect(anthropic.status).toBe(404);
    expect(((await anthropic.json()) as { type: string }).type).toBe('error');
  });

  it('answers malformed JSON with 400 in the caller protocol', async () => {
    const res = await post('/v2/chat', '{"model": "test-model", ');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('not valid JSON');
  });

  it('answers a request without a model, or with a body that is not an object, with 400', async () => {
    expect((await post('/v1/chat/completions', { messages: [] })).status).toBe(400);
    expect((await post('/v1/chat/completions', [1, 2])).status).toBe(400);
  });

  it('answers an invalid request with 400 without calling any upstream', async () => {
    const before = h.upstreams.cheap!.calls.length + h.upstreams.pricey!.calls.length;
    const res = await post('/v1/chat/completions', { model: 'test-model', messages: 'not a list' });
    expect(res.status).toBe(400);
    expect(h.upstreams.cheap!.calls.length + h.upstreams.pricey!.calls.length).toBe(before);
  });

  it('answers a body nested thousands of levels deep with 400 without calling any upstream (found by the fuzz)', async () => {
    const before = h.upstreams.cheap!.calls.length + h.upstreams.pricey!.calls.length;
    const schema = `{"a":${'['.repeat(1_000)}1${']'.repeat(1_000)}}`;
    const body = `{"model":"test-model","messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":${schema}}}]}`;
    const res = await post('/v1/chat/completions', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('deeper than 512 levels');
    expect(h.upstreams.cheap!.calls.length + h.upstreams.pricey!.calls.length).toBe(before);
  });

  it('refuses a body over the limit with 413, declared or chunked', async () => {
    const big = JSON.stringify({ ...chat, messages: [{ role: 'user', content: 'x'.repeat(5000) }] });
    const declared = await post('/v1/chat/completions', big);
    expect(declared.status).toBe(413);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${h.url}/v1/messages`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write('x'.repeat(1000));
      req.end();
    });
    expect(chunked).toBe(413);
  });
});

describe('client auth', () => {
  it.each([
    ['Authorization: Bearer', { authorization: `Bearer ${GATEWAY_KEY}` }, ''],
    ['x-api-key', { 'x-api-key': GATEWAY_KEY }, ''],
    ['x-goog-api-key', { 'x-goog-api-key': GATEWAY_KEY }, ''],
    ['?key=', {}, `?key=${GATEWAY_KEY}`],
  ])('accepts the gateway key as %s', async (_name, headers, query) => {
    const path = query === '' ? '/v1/chat/completions' : `/v1beta/models/cheap:generateContent${query}`;
    const body = query === '' ? chat : { contents: [{ parts: [{ text: 'Hi' }] }] };
    expect((await post(path, body, headers)).status).toBe(200);
  });

  it('answers a missing or wrong key with 401 in the caller protocol', async () => {
    const missing = await post('/v1/messages', { model: 'test-model', max_tokens: 5, messages: [] }, {});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error', message: 'missing gateway API key' } });
    const wrong = await post('/v1beta/models/cheap:generateContent', {}, { 'x-goog-api-key': 'wrong-key' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 401 } });
  });

  it('does not accept the query key outside Gemini routes', async () => {
    expect((await post(`/v1/chat/completions?key=${GATEWAY_KEY}`, chat, {})).status).toBe(401);
  });

  it('keeps /healthz and /metrics open, and /v1/models behind the key', async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${h.url}/v1/models`)).status).toBe(401);
  });
});

describe('other routes', () => {
  it('lists the client-facing models in OpenAI and Gemini shapes, and looks one up', async () => {
    const list = (await (await fetch(`${h.url}/v1/models`, { headers: auth })).json()) as { object: string; data: Array<{ id: string }> };
    expect(list.object).toBe('list');
    expect(list.data.map((m) => m.id)).toEqual(['test-model', 'cheap', 'pricey']);
    const gemini = (await (await fetch(`${h.url}/v1beta/models`, { headers: auth })).json()) as { models: Array<{ name: string }> };
    expect(gemini.models[0]?.name).toBe('models/test-model');
    expect((await fetch(`${h.url}/v1/models/cheap`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${h.url}/v1/models/unknown`, { headers: auth })).status).toBe(404);
  });

  it('reports health with each endpoint breaker state', async () => {
    const res = await fetch(`${h.url}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok', endpoints: { cheap: 'closed', pricey: 'closed' } });
  });

  it('answers a Gemini model path that is not valid percent-encoding with 400 in the Gemini shape', async () => {
    const res = await post('/v1beta/models/bad%E0%A4%A:generateContent', { contents: [{ parts: [{ text: 'Hi' }] }] }, { 'x-goog-api-key': GATEWAY_KEY });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toContain('fluxcore_requests_total{route="/v1beta/models/{model}:generateContent",endpoint="none",status="400"}');
  });

  it('counts requests to an unknown path under the route label "unmatched"', async () => {
    expect((await post('/v1/nowhere', chat)).status).toBe(404);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toContain('fluxcore_failures_total{route="unmatched",endpoint="none",category="not_found"}');
  });

  it('answers an unknown path with 404 and a wrong method with 405 and Allow', async () => {
    expect((await fetch(`${h.url}/v1/completions`, { method: 'POST', headers: auth })).status).toBe(404);
    const wrongMethod = await fetch(`${h.url}/v1/chat/completions`, { headers: auth });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('answers an unknown Gemini method under /v1beta/ with 404 in the Gemini shape (found by the fuzz)', async () => {
    const res = await post('/v1beta/models/cheap:countTokens', { contents: [] });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });

  it('exports Prometheus metrics by route, endpoint and category, with no key in them', async () => {
    await post('/v1/chat/completions', chat);
    await post('/v1/chat/completions', { ...chat, model: 'nope' });
    const text = await (await fetch(`${h.url}/metrics`)).text();
    expect(text).toContain('fluxcore_requests_total{route="/v1/chat/completions",endpoint="cheap",status="200"}');
    expect(text).toContain('fluxcore_failures_total{route="/v1/chat/completions",endpoint="none",category="not_found"}');
    expect(text).toContain('fluxcore_breaker_state{endpoint="cheap"} 0');
    expect(text).toMatch(/fluxcore_tokens_total\{route="\/v1\/chat\/completions",endpoint="cheap",kind="input"\} \d+/);
    expect(text).toMatch(/fluxcore_cost_usd_total\{route="\/v1\/chat\/completions",endpoint="cheap"\} [\d.e-]+/);
    expect(text).toContain('fluxcore_request_duration_seconds_bucket');
    expect(text).toContain('fluxcore_overhead_seconds_bucket');
    for (const secret of [GATEWAY_KEY, upstreamKey('openai'), upstreamKey('gemini')]) expect(text).not.toContain(secret);
  });

  it('logs one structured line per request and never a key', async () => {
    await post('/v1/chat/completions', chat, { authorization: 'Bearer sk-wrong-key-9999999999' });
    const lines = h.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.some((l) => l.msg === 'request' && l.route === '/v1/chat/completions' && l.endpoint === 'cheap' && l.status === 200)).toBe(true);
    const all = h.logs.join('\n');
    for (const secret of [GATEWAY_KEY, 'sk-wrong-key-9999999999', upstreamKey('openai'), upstreamKey('gemini')]) expect(all).not.toContain(secret);
  });
});

describe('streams', () => {
  it('streams in the caller protocol with the endpoint header, from a different upstream protocol', async () => {
    const res = await post(
      '/v1/messages',
      { model: 'test-model', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'Hi' }] },
      { 'x-api-key': GATEWAY_KEY, 'anthropic-version': '2099-01-01' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('x-fluxcore-endpoint')).toBe('cheap');
    const text = await res.text();
    expect(text).toContain('event: message_start');
    expect(text).toContain('event: message_stop');
  });

  it('answers a clean HTTP error when every attempt fails before the stream starts', async () => {
    h.upstreams.cheap!.setFault({ type: 'http-error', status: 400, message: 'bad thing', times: 1 });
    const res = await post('/v1/chat/completions', { ...chat, stream: true });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBeTruthy();
  });
});
