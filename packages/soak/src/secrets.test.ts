import { Writable } from 'node:stream';
import { closePool, configurePool, formatError, request, requestStream } from '@fluxcore/call';
import { createGateway, parseConfig, type Gateway, type GatewayConfig } from '@fluxcore/gateway';
import { openai } from '@fluxcore/openai';
import { Endpoint, EndpointPool } from '@fluxcore/routing';
import { startUpstream, type Upstream, type UpstreamFault } from '@fluxcore/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoUpstream, type EchoMode, type EchoUpstream } from './secrets/echo-upstream.js';
import { CLIENT_KEY, LeakScanner, PROVIDER_KEYS, URL_SECRET, WRONG_CLIENT_KEY } from './secrets/scan.js';
import type { SoakCase } from './soak/cases.js';
import { CLIENTS, type ClientProtocol } from './soak/clients.js';
import { PROTOCOLS } from './soak/protocols.js';

const TIMEOUTS = { connectMs: 1_000, firstByteMs: 250, idleMs: 250, totalMs: 5_000 };
const ANSWER = 'A long enough answer to be cut in the middle of its stream.';

/** One way an upstream fails: a testkit fault (given the key it holds), or an echoing upstream. */
type Failure = { name: string; fault: (key: string) => UpstreamFault } | { name: string; echo: EchoMode };

const FAILURES: readonly Failure[] = [
  { name: 'upstream 401', fault: () => ({ type: 'http-error', status: 401 }) },
  { name: 'upstream 403', fault: () => ({ type: 'http-error', status: 403 }) },
  { name: 'upstream 429 with Retry-After', fault: () => ({ type: 'http-error', status: 429, retryAfter: '1' }) },
  { name: 'upstream 500', fault: () => ({ type: 'http-error', status: 500 }) },
  { name: 'upstream 503', fault: () => ({ type: 'http-error', status: 503, retryAfter: '0' }) },
  { name: 'upstream 529', fault: () => ({ type: 'http-error', status: 529 }) },
  { name: 'reset mid-body', fault: () => ({ type: 'reset', afterFrames: 3 }) },
  { name: 'refused connection', fault: () => ({ type: 'refuse' }) },
  { name: 'first-byte timeout', fault: () => ({ type: 'slow-first-byte', delayMs: 1_500 }) },
  { name: 'idle timeout', fault: () => ({ type: 'stall', afterFrames: 3 }) },
  { name: 'malformed body', fault: () => ({ type: 'malformed-json' }) },
  { name: 'malformed stream event', fault: () => ({ type: 'malformed-stream', afterFrames: 3 }) },
  { name: 'truncated stream', fault: () => ({ type: 'truncate', afterFrames: 3 }) },
  {
    name: 'in-stream error naming the key',
    fault: (key) => ({ type: 'stream-error', afterFrames: 3, message: `key ${key} was revoked (Authorization: Bearer ${key})` }),
  },
  { name: '401 echoing the key and the Authorization header', echo: { kind: 'error', status: 401 } },
  { name: '400 echoing the key (returned to the caller)', echo: { kind: 'error', status: 400 } },
  { name: '500 echoing the key', echo: { kind: 'error', status: 500 } },
  { name: '502 plain-text page echoing the key', echo: { kind: 'text', status: 502 } },
  { name: 'malformed 200 body echoing the key', echo: { kind: 'malformed' } },
  { name: 'stream error event echoing the key after content', echo: { kind: 'stream-error' } },
];

const upstreams = new Map<string, Upstream>();
const echoes = new Map<string, EchoUpstream>();
/** Totals over the file, printed at the end. */
const totals = { calls: 0, thrown: 0, httpRequests: 0, texts: 0, chars: 0, redacted: 0, leaks: 0 };

beforeAll(async () => {
  for (const { name, simulator } of PROTOCOLS) {
    upstreams.set(
      name,
      await startUpstream({ simulator, apiKey: PROVIDER_KEYS[name]!, scenario: { text: ANSWER, chunkSize: 5, usage: { inputTokens: 9, outputTokens: 14 } } }),
    );
    echoes.set(name, await startEchoUpstream(simulator, { kind: 'error', status: 401 }));
  }
});

afterAll(async () => {
  await Promise.all([...upstreams.values(), ...echoes.values()].map((server) => server.close()));
  console.log(
    `[secrets] ${FAILURES.length} failure scenarios x 5 upstream x 5 client protocols x stream/not: ${totals.calls} calls (${totals.thrown} threw), ` +
      `${totals.httpRequests} gateway requests; ` +
      `${totals.texts} texts (${(totals.chars / 1024 / 1024).toFixed(1)} MiB) scanned, ${totals.redacted} with a redacted key, ${totals.leaks} leaks`,
  );
});

/** Make every upstream fail this way; returns the base URL of each protocol's failing upstream. */
function applyFailure(failure: Failure): Map<string, string> {
  const urls = new Map<string, string>();
  for (const { name } of PROTOCOLS) {
    if ('echo' in failure) {
      echoes.get(name)!.setMode(failure.echo);
      urls.set(name, echoes.get(name)!.url);
    } else {
      upstreams.get(name)!.setFault(failure.fault(PROVIDER_KEYS[name]!));
      urls.set(name, upstreams.get(name)!.url);
    }
  }
  return urls;
}

function clearFaults(): void {
  for (const upstream of upstreams.values()) upstream.setFault(undefined);
}

function caseFor(client: ClientProtocol, stream: boolean): SoakCase {
  return { index: 0, client: client.adapter.name, stream, scenario: { text: ANSWER }, expected: { text: ANSWER, toolCalls: [] } };
}

function expectNoLeaks(scanner: LeakScanner): void {
  totals.texts += scanner.texts;
  totals.chars += scanner.chars;
  totals.redacted += scanner.redacted;
  totals.leaks += scanner.leaks.length;
  expect(scanner.texts).toBeGreaterThan(0);
  expect(scanner.report(), `${scanner.leaks.length} leaks`).toEqual([]);
}

describe('the leak scanner', () => {
  it('finds a key, or a piece of one, in an error cause chain, a non-enumerable field or what inspect prints', () => {
    const scanner = new LeakScanner();
    const cause = new Error(`connect failed for ${PROVIDER_KEYS.cohere}`);
    scanner.value('nested cause', new Error('outer', { cause: new Error('middle', { cause }) }));
    scanner.value('hidden field', Object.defineProperty({}, 'token', { value: CLIENT_KEY, enumerable: false }));
    scanner.value('map', new Map([['key', 'sk-SECRET-op']]));
    expect(scanner.leaks.map((leak) => leak.needle)).toEqual(expect.arrayContaining([PROVIDER_KEYS.cohere, 'plainsecret', CLIENT_KEY, 'SECRET']));
    expect(scanner.leaks.some((leak) => leak.where === 'map (inspected)')).toBe(true);
  });
});

describe('request / requestStream: no key in anything a call returns or throws', () => {
  /** One call, every output scanned: the body or chunks, usage, attempts; or the error and its rendering in all five protocols. */
  async function scanCall(
    scanner: LeakScanner,
    label: string,
    protocol: (typeof PROTOCOLS)[number],
    baseURL: string,
    client: ClientProtocol,
    stream: boolean,
  ): Promise<void> {
    const pool = new EndpointPool(
      [
        new Endpoint({
          id: `ep-${protocol.name}`,
          key: { baseURL, apiKey: PROVIDER_KEYS[protocol.name]!, protocol: protocol.adapter },
          model: 'upstream-model',
        }),
      ],
      { retries: 1 },
    );
    configurePool(pool, { timeouts: TIMEOUTS });
    const soakCase = caseFor(client, stream);
    totals.calls += 1;
    try {
      if (stream) {
        const result = await requestStream(pool, client.body(soakCase), client.adapter, client.options(soakCase));
        let wire = '';
        for await (const chunk of result) wire += chunk;
        scanner.text(`${label} stream`, wire);
        scanner.value(`${label} usage`, await result.usage);
        scanner.value(`${label} attempts`, result.attempts);
      } else {
        const result = await request(pool, client.body(soakCase), client.adapter, client.options(soakCase));
        scanner.value(`${label} body`, result.body);
        scanner.value(`${label} usage`, result.usage);
        scanner.value(`${label} attempts`, result.attempts);
      }
    } catch (error) {
      totals.thrown += 1;
      scanner.value(`${label} thrown`, error);
      for (const { name, adapter } of PROTOCOLS) scanner.value(`${label} formatted as ${name}`, formatError(error, adapter));
    } finally {
      await closePool(pool);
    }
  }

  it.each(FAILURES)('$name', async (failure) => {
    const urls = applyFailure(failure);
    const scanner = new LeakScanner();
    try {
      const calls = PROTOCOLS.flatMap((protocol) =>
        CLIENTS.flatMap((client) =>
          [false, true].map((stream) =>
            scanCall(
              scanner,
              `${protocol.name} upstream, ${client.adapter.name} client${stream ? ', stream' : ''}`,
              protocol,
              urls.get(protocol.name)!,
              client,
              stream,
            ),
          ),
        ),
      );
      await Promise.all(calls);
    } finally {
      clearFaults();
    }
    if ('echo' in failure) expect(scanner.redacted, 'the echoed keys reached the output, redacted').toBeGreaterThan(0);
    expectNoLeaks(scanner);
  });

  it('a pool whose every endpoint is down fails with no_endpoint and no key', async () => {
    const scanner = new LeakScanner();
    const endpoints = PROTOCOLS.map(
      ({ name, adapter }) =>
        new Endpoint({
          id: `down-${name}`,
          key: { baseURL: upstreams.get(name)!.url, apiKey: PROVIDER_KEYS[name]!, protocol: adapter },
          breaker: { threshold: 1, recoveryTimeoutMs: 60_000 },
        }),
    );
    for (const endpoint of endpoints) endpoint.markFail();
    const pool = new EndpointPool(endpoints, { retries: 2 });
    for (const client of CLIENTS) {
      const soakCase = caseFor(client, false);
      const error = await request(pool, client.body(soakCase), client.adapter, client.options(soakCase)).catch((e: unknown) => e);
      expect(error).toMatchObject({ category: 'no_endpoint' });
      scanner.value(`no_endpoint for ${client.adapter.name}`, error);
      for (const { name, adapter } of PROTOCOLS) scanner.value(`no_endpoint formatted as ${name}`, formatError(error, adapter));
    }
    await closePool(pool);
    expectNoLeaks(scanner);
  });
});

describe('key validation: a key written into a base URL is refused without being echoed', () => {
  const BASE_URLS = [
    `https://user:${URL_SECRET}@api.example.com`,
    `https://${URL_SECRET}@api.example.com/v1`,
    `https://api.example.com/v1beta?key=${URL_SECRET}`,
    `https://api.example.com/v1#${URL_SECRET}`,
    `htps://api.example.com/${URL_SECRET}`,
    `api.example.com/v1?key=${URL_SECRET}`,
    `ftp://api.example.com/${URL_SECRET}`,
    `https://api.example.com:99999/a-long-path-that-gets-cut-short/${URL_SECRET}`,
  ];

  it.each(BASE_URLS)('Endpoint with baseURL %s', (baseURL) => {
    const scanner = new LeakScanner();
    let thrown: unknown;
    try {
      new Endpoint({ id: 'bad', key: { baseURL, apiKey: PROVIDER_KEYS.openai!, protocol: openai } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ category: 'invalid_request', param: 'key.baseURL' });
    scanner.value('validation error', thrown);
    expectNoLeaks(scanner);
  });

  it.each(BASE_URLS)('gateway config with baseURL %s', (baseURL) => {
    const scanner = new LeakScanner();
    const config = gatewayConfig(new Map(PROTOCOLS.map(({ name }) => [name, 'https://api.example.com'])), new Map());
    config.keys['up-openai']!.baseURL = baseURL;
    let thrown: unknown;
    try {
      createGateway(config, { env: PROVIDER_ENV, log: discard() });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    scanner.value('createGateway error', thrown);
    expectNoLeaks(scanner);
  });

  it('a config file with a key written without quotes: the JSON syntax error quotes none of it', () => {
    const scanner = new LeakScanner();
    const texts = [PROVIDER_KEYS.openai!, URL_SECRET, `${URL_SECRET}${URL_SECRET}`].flatMap((key) => [
      `{\n  "keys": { "k": { "protocol": "openai", "baseURL": "https://api.example.com", "apiKey": ${key} } }\n}`,
      `{\n  "keys": { "k": { "protocol": "openai", "baseURL": "https://api.example.com", "apiKey": "\${OPENAI_API_KEY}", "headers": { "x-auth-token": ${key} } } }\n}`,
      `{"keys":{"k":{"headers":{"x-auth-token":"${key}","x":tru}}}}`,
      `${key}`,
    ]);
    for (const text of texts) {
      let thrown: unknown;
      try {
        parseConfig(text, 'fluxcore.config.json');
      } catch (error) {
        thrown = error;
      }
      expect(String(thrown)).toContain('not valid JSON');
      scanner.value(`syntax error for ${JSON.stringify(text)}`, thrown);
    }
    expectNoLeaks(scanner);
  });
});

/** The environment the gateway config's `${NAME}` placeholders read the keys from. */
const PROVIDER_ENV: Record<string, string> = Object.fromEntries(PROTOCOLS.map(({ name }) => [envName(name), PROVIDER_KEYS[name]!]));

function envName(protocol: string): string {
  return `${protocol.replace('-', '_').toUpperCase()}_API_KEY`;
}

/**
 * Per protocol: `up-<p>` (testkit upstream) and `echo-<p>` (echoing upstream) keys and
 * endpoints; models `via-<p>` and `echo-<p>` serve one endpoint each, `all` pools every `up-`.
 */
function gatewayConfig(upUrls: ReadonlyMap<string, string>, echoUrls: ReadonlyMap<string, string>): GatewayConfig {
  const config: GatewayConfig = { auth: { keys: [CLIENT_KEY] }, keys: {}, endpoints: {}, models: {}, log: { level: 'trace' } };
  const breaker = { threshold: 1_000, recoveryTimeoutMs: 1 };
  for (const { name } of PROTOCOLS) {
    for (const [prefix, urls] of [
      ['up', upUrls],
      ['echo', echoUrls],
    ] as const) {
      const url = urls.get(name);
      if (url === undefined) continue;
      config.keys[`${prefix}-${name}`] = { protocol: name, baseURL: url, apiKey: `\${${envName(name)}}` };
      config.endpoints[`${prefix}-${name}`] = { key: `${prefix}-${name}`, model: 'upstream-model', inputPrice: 1, outputPrice: 1, breaker };
    }
    if (upUrls.has(name)) config.models[`via-${name}`] = { endpoints: [`up-${name}`], retries: 1, timeouts: TIMEOUTS };
    if (echoUrls.has(name)) config.models[`echo-${name}`] = { endpoints: [`echo-${name}`], retries: 0, timeouts: TIMEOUTS };
  }
  if (upUrls.size > 0) config.models.all = { endpoints: [...upUrls.keys()].map((name) => `up-${name}`), retries: 4, timeouts: TIMEOUTS };
  return config;
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

/** How each client protocol's SDK sends a chat request and its key to the gateway. */
function gatewayRequest(client: ClientProtocol, model: string, stream: boolean, key: string): { path: string; headers: Record<string, string>; body: string } {
  const body = client.body(caseFor(client, stream));
  const json = { 'content-type': 'application/json' };
  switch (client.adapter.name) {
    case 'openai':
      return { path: '/v1/chat/completions', headers: { ...json, authorization: `Bearer ${key}` }, body: JSON.stringify({ ...body, model }) };
    case 'anthropic':
      return { path: '/v1/messages', headers: { ...json, 'x-api-key': key, 'anthropic-version': '2023-06-01' }, body: JSON.stringify({ ...body, model }) };
    case 'gemini':
      // The Gemini SDK sends x-goog-api-key; REST users put the key in the URL.
      return stream
        ? { path: `/v1beta/models/${model}:streamGenerateContent?alt=sse&key=${key}`, headers: json, body: JSON.stringify(body) }
        : { path: `/v1beta/models/${model}:generateContent`, headers: { ...json, 'x-goog-api-key': key }, body: JSON.stringify(body) };
    case 'cohere':
      return { path: '/v2/chat', headers: { ...json, authorization: `bearer ${key}` }, body: JSON.stringify({ ...body, model }) };
    default:
      return { path: '/v1/chat', headers: { ...json, authorization: `Bearer ${key}` }, body: JSON.stringify({ ...body, model }) };
  }
}

describe('@fluxcore/gateway: no key in responses, logs or metrics', () => {
  /** A gateway whose pino lines are captured; everything it answered and logged is scanned by the caller. */
  async function withGateway(
    scanner: LeakScanner,
    upUrls: ReadonlyMap<string, string>,
    echoUrls: ReadonlyMap<string, string>,
    use: (url: string) => Promise<void>,
  ): Promise<void> {
    const logs: string[] = [];
    const log = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString('utf8'));
        done();
      },
    });
    const gateway: Gateway = createGateway(gatewayConfig(upUrls, echoUrls), { env: PROVIDER_ENV, log });
    const url = await gateway.start(0, '127.0.0.1');
    try {
      await use(url);
      for (const path of ['/metrics', '/healthz']) await scanResponse(scanner, `GET ${path}`, await fetch(url + path));
    } finally {
      await gateway.shutdown({ graceMs: 0 });
    }
    expect(logs.length).toBeGreaterThan(0);
    scanner.text('gateway logs', logs.join(''));
  }

  async function scanResponse(scanner: LeakScanner, label: string, res: Response): Promise<string> {
    const text = await res.text().catch((error: unknown) => `(body broke off: ${String(error)})`);
    scanner.text(`${label} headers`, JSON.stringify([...res.headers]));
    scanner.text(`${label} body`, text);
    totals.httpRequests += 1;
    return text;
  }

  async function send(scanner: LeakScanner, url: string, client: ClientProtocol, model: string, stream: boolean, key = CLIENT_KEY): Promise<Response> {
    const { path, headers, body } = gatewayRequest(client, model, stream, key);
    const res = await fetch(url + path, { method: 'POST', headers, body });
    await scanResponse(scanner, `${client.adapter.name} client -> ${model}${stream ? ' (stream)' : ''} ${res.status}`, res.clone());
    return res;
  }

  it.each(FAILURES)('$name', async (failure) => {
    const urls = applyFailure(failure);
    const scanner = new LeakScanner();
    const echo = 'echo' in failure;
    const statuses = new Set<number>();
    try {
      await withGateway(scanner, echo ? new Map() : urls, echo ? urls : new Map(), async (url) => {
        const models = [...PROTOCOLS.map(({ name }) => `${echo ? 'echo' : 'via'}-${name}`), ...(echo ? [] : ['all'])];
        await Promise.all(
          CLIENTS.flatMap((client) =>
            models.flatMap((model) => [false, true].map(async (stream) => statuses.add((await send(scanner, url, client, model, stream)).status))),
          ),
        );
      });
    } finally {
      clearFaults();
    }
    expect(
      [...statuses].some((status) => status >= 400 || failure.name.includes('stream') || failure.name.includes('reset') || failure.name.includes('idle')),
    ).toBe(true);
    if (echo) expect(scanner.redacted, 'the echoed keys reached the output, redacted').toBeGreaterThan(0);
    expectNoLeaks(scanner);
  });

  it('a wrong or missing client key gets 401 on every route, in every protocol, and is never echoed', async () => {
    const scanner = new LeakScanner();
    const upUrls = new Map(PROTOCOLS.map(({ name }) => [name, upstreams.get(name)!.url]));
    await withGateway(scanner, upUrls, new Map(), async (url) => {
      for (const client of CLIENTS) {
        for (const stream of [false, true]) {
          expect((await send(scanner, url, client, `via-${client.adapter.name}`, stream, WRONG_CLIENT_KEY)).status).toBe(401);
          const { path, headers, body } = gatewayRequest(client, `via-${client.adapter.name}`, stream, WRONG_CLIENT_KEY);
          const bare = Object.fromEntries(Object.entries(headers).filter(([name]) => name === 'content-type'));
          const missing = await fetch(url + path.replace(/[?&]key=[^&]*/, ''), { method: 'POST', headers: bare, body });
          expect(missing.status).toBe(401);
          await scanResponse(scanner, `${client.adapter.name} client without a key`, missing);
        }
      }
      for (const path of ['/v1/models', '/v1/models/via-openai', `/v1beta/models?key=${WRONG_CLIENT_KEY}`]) {
        const res = await fetch(url + path, { headers: { authorization: `Bearer ${WRONG_CLIENT_KEY}`, 'x-api-key': WRONG_CLIENT_KEY } });
        expect(res.status).toBe(401);
        await scanResponse(scanner, `GET ${path}`, res);
      }
    });
    expectNoLeaks(scanner);
  });

  it('a client key reaches no upstream: each upstream sees only its own provider key', async () => {
    const scanner = new LeakScanner([CLIENT_KEY, WRONG_CLIENT_KEY]);
    const upUrls = new Map(PROTOCOLS.map(({ name }) => [name, upstreams.get(name)!.url]));
    const before = new Map(PROTOCOLS.map(({ name }) => [name, upstreams.get(name)!.calls.length]));
    await withGateway(new LeakScanner(), upUrls, new Map(), async (url) => {
      for (const client of CLIENTS) for (const stream of [false, true]) expect((await send(new LeakScanner(), url, client, 'all', stream)).status).toBe(200);
    });
    for (const { name } of PROTOCOLS) {
      for (const call of upstreams.get(name)!.calls.slice(before.get(name))) {
        scanner.text(`${name} upstream call ${call.index}`, JSON.stringify({ path: call.path, query: call.query, headers: call.headers, body: call.rawBody }));
      }
    }
    expectNoLeaks(scanner);
  });
});
