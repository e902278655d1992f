import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallError, closePool, configurePool, request } from '@fluxcore/call';
import { openai } from '@fluxcore/openai';
import { assertPublicHost, Endpoint, EndpointPool, isPrivateIP } from '@fluxcore/routing';
import { openaiSimulator, startUpstream, type Upstream } from '@fluxcore/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** Test-only names and what "DNS" answers for them; every other name fails to resolve. */
const FAKE_DNS: Record<string, Array<{ address: string; family: 4 | 6 }>> = {
  'metadata.soak.test': [{ address: '169.254.169.254', family: 4 }],
  'metadata-v6.soak.test': [{ address: 'fd00:ec2::254', family: 6 }],
  'loopback.soak.test': [{ address: '127.0.0.1', family: 4 }],
  'mapped.soak.test': [{ address: '::ffff:10.0.0.1', family: 6 }],
  'rebind.soak.test': [
    { address: '93.184.216.34', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ],
};

vi.mock('node:dns', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:dns')>();
  const lookup = (hostname: string, options: unknown, callback: (...args: unknown[]) => void) => {
    const answer = FAKE_DNS[hostname];
    if (answer === undefined) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    if (typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true) return callback(null, answer);
    return callback(null, answer[0]!.address, answer[0]!.family);
  };
  return { ...real, default: { ...real, lookup }, lookup };
});

/** Non-public addresses in the spellings an attacker would try (each one must be refused). */
const PRIVATE_SPELLINGS = [
  // loopback
  '127.0.0.1',
  '127.1',
  '127.0.1',
  '127.255.255.254',
  '0177.0.0.1',
  '0x7f.0.0.1',
  '0x7f000001',
  '2130706433',
  '017700000001',
  '0x7F.1',
  'localhost',
  'LOCALHOST',
  'localhost.',
  'api.localhost',
  '[::1]',
  '::1',
  '0:0:0:0:0:0:0:1',
  '[0:0:0:0:0:0:0:1]',
  '::',
  '0.0.0.0',
  '0',
  // private ranges
  '10.0.0.1',
  '10.255.255.255',
  '012.0.0.1',
  '0xa.0.0.1',
  '167772161',
  '172.16.0.1',
  '172.31.255.255',
  '0xac.0x10.0.1',
  '192.168.0.1',
  '192.168.1.1',
  '0300.0250.0.1',
  '3232235777',
  '100.64.0.1',
  '100.127.255.254',
  '198.18.0.1',
  '192.0.0.8',
  // link-local and cloud metadata
  '169.254.169.254',
  '0xa9.0xfe.0xa9.0xfe',
  '0xa9fea9fe',
  '2852039166',
  '0251.0376.0251.0376',
  '169.254.0.1',
  '[fd00:ec2::254]',
  'fd00:ec2::254',
  'fe80::1',
  '[fe80::1%25eth0]',
  'fe80::1%eth0',
  'FE80::ABCD',
  'fc00::1',
  'fdff:ffff::1',
  'fec0::1',
  // IPv4 inside IPv6
  '::ffff:127.0.0.1',
  '[::ffff:127.0.0.1]',
  '::ffff:7f00:1',
  '::ffff:169.254.169.254',
  '::ffff:a9fe:a9fe',
  '::ffff:10.0.0.1',
  '::127.0.0.1',
  '::ffff:0:127.0.0.1',
  '64:ff9b::127.0.0.1',
  '64:ff9b::a9fe:a9fe',
  '2002:7f00:1::',
  '2002:a9fe:a9fe::1',
  '0:0:0:0:0:ffff:192.168.0.1',
  // multicast and reserved
  '224.0.0.1',
  'ff02::1',
  '240.0.0.1',
  '255.255.255.255',
];

const PUBLIC_SPELLINGS = [
  '8.8.8.8',
  '93.184.216.34',
  '1.1.1.1',
  '2606:4700:4700::1111',
  '[2001:4860:4860::8888]',
  '::ffff:8.8.8.8',
  'api.openai.com',
  '172.32.0.1',
  '100.128.0.1',
  '169.255.0.1',
];

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function localUpstream(): Promise<Upstream> {
  const upstream = await startUpstream({ simulator: openaiSimulator });
  servers.push(upstream);
  return upstream;
}

/** A pool of one OpenAI endpoint at `baseURL`, with the egress guard on. */
function guardedPool(baseURL: string, egress: 'public-only' | 'any' = 'public-only'): EndpointPool {
  const pool = new EndpointPool([new Endpoint({ id: 'target', key: { baseURL, apiKey: 'sk-ssrf-test-key-000000', protocol: openai } })], { retries: 0 });
  configurePool(pool, { egress, timeouts: { connectMs: 1_000, totalMs: 5_000 } });
  servers.push({ close: () => closePool(pool) });
  return pool;
}

const chat = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };

async function failureOf(pool: EndpointPool): Promise<CallError> {
  const error = await request(pool, chat, openai).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CallError)) throw new Error(`expected a CallError, got ${String(error)}`);
  return error;
}

describe('isPrivateIP', () => {
  it(`recognises ${PRIVATE_SPELLINGS.length} spellings of loopback, private, link-local, metadata, mapped and reserved addresses`, () => {
    expect(PRIVATE_SPELLINGS.length).toBeGreaterThanOrEqual(60);
    expect(PRIVATE_SPELLINGS.filter((host) => !isPrivateIP(host))).toEqual([]);
  });

  it('leaves public addresses and ordinary names alone', () => {
    expect(PUBLIC_SPELLINGS.filter((host) => isPrivateIP(host))).toEqual([]);
  });
});

describe('assertPublicHost with a custom lookup', () => {
  const lookup = async (name: string) => FAKE_DNS[name] ?? [{ address: '93.184.216.34', family: 4 }];

  it.each(Object.keys(FAKE_DNS))('refuses %s, which resolves to a non-public address', async (name) => {
    await expect(assertPublicHost(name, { lookup })).rejects.toMatchObject({ category: 'invalid_request' });
  });

  it('refuses every private spelling before any lookup', async () => {
    const asked: string[] = [];
    const spy = async (name: string) => (asked.push(name), [{ address: '93.184.216.34' }]);
    for (const host of PRIVATE_SPELLINGS) await expect(assertPublicHost(host, { lookup: spy })).rejects.toMatchObject({ category: 'invalid_request' });
    expect(asked).toEqual([]);
  });

  it('returns the addresses of a name that resolves only to public ones, to pin the connection to', async () => {
    await expect(assertPublicHost('public.soak.test', { lookup })).resolves.toEqual([{ address: '93.184.216.34', family: 4 }]);
  });
});

describe("egress: 'public-only' in @fluxcore/call", () => {
  const literalHosts = [
    '127.0.0.1',
    '127.1',
    '0x7f000001',
    '2130706433',
    '0177.0.0.1',
    '[::1]',
    '[::ffff:127.0.0.1]',
    '[::ffff:7f00:1]',
    'localhost',
    'LocalHost.',
  ];

  it.each(literalHosts)('refuses %s before connecting: the upstream sees no connection', async (host) => {
    const upstream = await localUpstream();
    const url = new URL(upstream.url);
    const error = await failureOf(guardedPool(`http://${host}:${url.port}`));
    expect(error.category).toBe('network');
    expect(error.message).toContain('egress guard');
    expect(upstream.calls).toHaveLength(0);
  });

  it.each(Object.keys(FAKE_DNS))('refuses %s, a name whose DNS answer holds a non-public address', async (name) => {
    const upstream = await localUpstream();
    const error = await failureOf(guardedPool(`http://${name}:${new URL(upstream.url).port}`));
    expect(error.category).toBe('network');
    expect(error.message).toMatch(new RegExp(`egress guard: ${name.replace(/\./g, '\\.')} \\(`));
    expect(upstream.calls).toHaveLength(0);
  });

  it('still reaches a local model when the guard is off (the default)', async () => {
    const upstream = await localUpstream();
    expect((await request(guardedPool(upstream.url, 'any'), chat, openai)).status).toBe(200);
  });
});

describe('redirects', () => {
  it.each([301, 302, 303, 307, 308])(
    'are not followed: an upstream answering %i to another local server fails, and that server sees no request',
    async (status) => {
      const target = await localUpstream();
      const redirector = await redirectingServer(status, `${target.url}/v1/chat/completions`);
      const error = await failureOf(guardedPool(redirector, 'any'));
      expect(error.category).toBe('upstream_protocol');
      expect(error.attempts).toMatchObject([{ status }]);
      expect(target.calls).toHaveLength(0);
    },
  );
});

async function redirectingServer(status: number, location: string): Promise<string> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(status, { location }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
