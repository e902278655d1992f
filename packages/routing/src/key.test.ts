import { redactSecrets } from '@fluxcore/errors';
import { fluxErrorOf } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { testKey, testProtocol } from './__fixtures__/protocol.js';
import { Endpoint } from './endpoint.js';
import { validateKey, type Key } from './key.js';

const SECRET = 'sekret-value-that-must-not-leak-42';

const invalidKeys: ReadonlyArray<readonly [string, unknown, string]> = [
  ['not an object', null, 'key'],
  ['a missing apiKey', { ...testKey(), apiKey: undefined }, 'key.apiKey'],
  ['an empty apiKey', testKey({ apiKey: '' }), 'key.apiKey'],
  ['an apiKey with a trailing newline', testKey({ apiKey: `${SECRET}\n` }), 'key.apiKey'],
  ['an apiKey with a control character inside', testKey({ apiKey: `${SECRET}\u0000x` }), 'key.apiKey'],
  ['a missing baseURL', { ...testKey(), baseURL: undefined }, 'key.baseURL'],
  ['a relative baseURL', testKey({ baseURL: '/v1' }), 'key.baseURL'],
  ['an ftp baseURL', testKey({ baseURL: 'ftp://example.com' }), 'key.baseURL'],
  ['a file baseURL', testKey({ baseURL: 'file:///etc/passwd' }), 'key.baseURL'],
  ['a baseURL with user:password', testKey({ baseURL: `https://user:${SECRET}@api.example.com` }), 'key.baseURL'],
  ['a baseURL with only a user', testKey({ baseURL: `https://${SECRET}@api.example.com` }), 'key.baseURL'],
  ['a baseURL with a query', testKey({ baseURL: `https://generativelanguage.googleapis.com?key=${SECRET}` }), 'key.baseURL'],
  ['a baseURL with an empty query', testKey({ baseURL: 'https://api.example.com/v1?' }), 'key.baseURL'],
  ['a baseURL with a fragment', testKey({ baseURL: 'https://api.example.com/#frag' }), 'key.baseURL'],
  ['a missing protocol', { ...testKey(), protocol: undefined }, 'key.protocol'],
  ['a protocol given as a string', { ...testKey(), protocol: 'openai' }, 'key.protocol'],
  ['a protocol without a name', { ...testKey(), protocol: { ...testProtocol, name: '' } }, 'key.protocol'],
  ['a protocol missing a method', { ...testKey(), protocol: { ...testProtocol, buildRequest: undefined } }, 'key.protocol'],
  ['headers that are not an object', { ...testKey(), headers: 'x-a: b' }, 'key.headers'],
  ['a header name with a space', testKey({ headers: { 'bad name': 'v' } }), 'key.headers'],
  ['a header value that is not a string', { ...testKey(), headers: { 'x-n': 1 } }, 'key.headers.x-n'],
  ['a header value with CRLF', testKey({ headers: { 'x-inject': `${SECRET}\r\nx-evil: 1` } }), 'key.headers.x-inject'],
];

describe('validateKey', () => {
  it('accepts http and https URLs with a path, a port, and extra headers', () => {
    expect(() => validateKey(testKey())).not.toThrow();
    expect(() => validateKey(testKey({ baseURL: 'https://api.openai.com/v1', headers: { 'OpenAI-Organization': 'org-1' } }))).not.toThrow();
    expect(() => validateKey(testKey({ baseURL: 'http://[::1]:9000/' }))).not.toThrow();
  });

  it.each(invalidKeys)('rejects %s, naming the field', (_name, key, param) => {
    const error = fluxErrorOf(() => validateKey(key as Key));
    expect(error.category).toBe('invalid_request');
    expect(error.param).toBe(param);
  });

  it.each(invalidKeys)('never echoes the secret when rejecting %s', (_name, key) => {
    expect(fluxErrorOf(() => validateKey(key as Key)).message).not.toContain(SECRET);
  });

  it('lists the adapter methods a protocol object lacks', () => {
    const { message } = fluxErrorOf(() => validateKey({ ...testKey(), protocol: { name: 'x' } } as unknown as Key));
    expect(message).toContain('parseRequest');
    expect(message).toContain('parseError');
  });

  it('registers the apiKey so that it is redacted from every later message', () => {
    const apiKey = 'shapeless-key-registered-by-validate';
    expect(redactSecrets(`echo ${apiKey}`)).toBe(`echo ${apiKey}`);
    validateKey(testKey({ apiKey }));
    expect(redactSecrets(`echo ${apiKey}`)).toBe('echo [REDACTED]');
  });
});

describe('endpoint.validate', () => {
  it('runs at construction and again on demand', () => {
    const key = { ...testKey() };
    const endpoint = new Endpoint({ id: 1, key });
    expect(() => endpoint.validate()).not.toThrow();
    (key as { baseURL: string }).baseURL = 'gopher://example.com';
    expect(fluxErrorOf(() => endpoint.validate()).param).toBe('key.baseURL');
    expect(fluxErrorOf(() => new Endpoint({ id: 2, key })).param).toBe('key.baseURL');
  });
});
