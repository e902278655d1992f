import { FluxError } from '@fluxcore/errors';
import { describe, expect, it } from 'vitest';
import { assertPublicHost, isPrivateIP, type LookupAddress } from './private-ip.js';

const privateHosts: readonly string[] = [
  // names
  'localhost',
  'LOCALHOST',
  'localhost.',
  'LocalHost.',
  'api.localhost',
  'a.b.LOCALHOST.',
  // IPv4 ranges, both ends where it matters
  '0.0.0.0',
  '0.255.255.255',
  '10.0.0.1',
  '10.255.255.255',
  '100.64.0.1',
  '100.127.255.255',
  '127.0.0.1',
  '127.255.255.254',
  '169.254.169.254',
  '169.254.0.1',
  '172.16.0.1',
  '172.31.255.255',
  '192.0.0.1',
  '192.0.0.255',
  '192.168.1.1',
  '192.168.255.255',
  '198.18.0.1',
  '198.19.255.255',
  '224.0.0.1',
  '239.255.255.255',
  '240.0.0.1',
  '255.255.255.255',
  '127.0.0.1.',
  // other IPv4 spellings
  '2130706433',
  '0x7f000001',
  '0X7F000001',
  '0177.0.0.1',
  '0177.0000.0000.0001',
  '127.1',
  '127.0.1',
  '0x7f.1',
  '10.1',
  '0xa9.0xfe.0xa9.0xfe',
  '3232235777',
  '0',
  '0x0',
  // IPv6
  '::',
  '::1',
  '[::1]',
  '[::1]:8080',
  '0:0:0:0:0:0:0:1',
  'fc00::1',
  'fd12:3456::1',
  'FDFF::1',
  'fe80::1',
  'fe80::1%eth0',
  '[fe80::1%25eth0]',
  'febf::1',
  'fec0::1',
  'feff::1',
  'ff02::1',
  'ff00::',
  // IPv4 inside IPv6
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '[::ffff:10.0.0.1]',
  '::ffff:a9fe:a9fe',
  '::127.0.0.1',
  '::7f00:1',
  '::ffff:0:10.1.2.3',
  '64:ff9b::127.0.0.1',
  '64:ff9b::a00:1',
  '64:ff9b::192.168.0.1',
  '2002:7f00:1::',
  '2002:c0a8:101::1',
  '2002:a00:1::',
];

const publicHosts: readonly string[] = [
  'api.openai.com',
  'api.anthropic.com',
  'generativelanguage.googleapis.com',
  'example.com',
  'localhost.example.com',
  'notlocalhost',
  'localhost-api.com',
  '8.8.8.8',
  '1.1.1.1',
  '93.184.216.34',
  '9.255.255.255',
  '11.0.0.1',
  '100.63.255.255',
  '100.128.0.1',
  '126.255.255.255',
  '128.0.0.1',
  '169.253.255.255',
  '169.255.0.1',
  '172.15.255.255',
  '172.32.0.1',
  '192.0.1.1',
  '192.167.255.255',
  '192.169.0.1',
  '198.17.255.255',
  '198.20.0.1',
  '223.255.255.255',
  '134744072',
  '0x08080808',
  '2001:4860:4860::8888',
  '2606:4700:4700::1111',
  '2001::1',
  '::ffff:8.8.8.8',
  '::ffff:808:808',
  '64:ff9b::8.8.8.8',
  '2002:808:808::',
  '2001:db8::1',
  '1.2.3.4.example.com',
  '08.0.0.1',
  '256.0.0.1',
  '1.2.3.4.5',
  ':::1',
  '1::2::3',
  '',
  ' ',
];

describe('isPrivateIP', () => {
  it('covers at least 60 cases', () => {
    expect(privateHosts.length + publicHosts.length).toBeGreaterThanOrEqual(60);
  });

  it.each(privateHosts)('%s is private', (host) => {
    expect(isPrivateIP(host)).toBe(true);
  });

  it.each(publicHosts)('%s is not private', (host) => {
    expect(isPrivateIP(host)).toBe(false);
  });

  it('is false for a value that is not a string', () => {
    expect(isPrivateIP(undefined as unknown as string)).toBe(false);
  });
});

describe('assertPublicHost', () => {
  const resolvesTo =
    (...addresses: string[]) =>
    async (): Promise<LookupAddress[]> =>
      addresses.map((address) => ({ address }));

  async function rejection(promise: Promise<unknown>): Promise<FluxError> {
    return promise.then(
      () => expect.unreachable('expected a rejection'),
      (error: unknown) => error as FluxError,
    );
  }

  it('returns the addresses of a host that resolves only to public addresses', async () => {
    await expect(assertPublicHost('api.example.com', { lookup: resolvesTo('93.184.216.34', '2606:2800::1') })).resolves.toEqual([
      { address: '93.184.216.34' },
      { address: '2606:2800::1' },
    ]);
  });

  it('rejects a host when any of its addresses is private', async () => {
    const error = await rejection(assertPublicHost('rebind.example', { lookup: resolvesTo('93.184.216.34', '10.0.0.5') }));
    expect(error).toBeInstanceOf(FluxError);
    expect([error.category, error.param]).toEqual(['invalid_request', 'hostname']);
    expect(error.message).toContain('10.0.0.5');
  });

  it('rejects private names and literals without a lookup', async () => {
    const lookup = async (): Promise<LookupAddress[]> => expect.unreachable('no lookup for a literal');
    for (const host of ['localhost', '127.0.0.1', '[::1]', '0x7f000001']) {
      expect((await rejection(assertPublicHost(host, { lookup }))).category).toBe('invalid_request');
    }
  });

  it('accepts a public literal without a lookup', async () => {
    const lookup = async (): Promise<LookupAddress[]> => expect.unreachable('no lookup for a literal');
    await expect(assertPublicHost('[2606:4700:4700::1111]', { lookup })).resolves.toEqual([{ address: '2606:4700:4700::1111' }]);
  });

  it('passes the normalized name to the lookup', async () => {
    const asked: string[] = [];
    await assertPublicHost('API.Example.COM.', {
      lookup: async (name) => {
        asked.push(name);
        return [{ address: '93.184.216.34' }];
      },
    });
    expect(asked).toEqual(['api.example.com']);
  });

  it('a failed lookup is a network error keeping its cause', async () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' });
    const error = await rejection(assertPublicHost('nowhere.invalid', { lookup: async () => Promise.reject(cause) }));
    expect([error.category, error.cause]).toEqual(['network', cause]);
  });

  it('a lookup with no address is a network error', async () => {
    expect((await rejection(assertPublicHost('empty.example', { lookup: resolvesTo() }))).category).toBe('network');
  });

  it('an empty host name is rejected', async () => {
    expect((await rejection(assertPublicHost('  '))).param).toBe('hostname');
  });
});
