import { describe, expect, it } from 'vitest';
import { classifyHttp } from './classify-http.js';
import { classifyNetworkError } from './classify-network.js';
import { FluxError } from './flux-error.js';
import { DEFAULT_MAX_SECRETS, defaultSecrets, redactSecrets, registerSecret, SecretRegistry, unregisterSecret } from './redact.js';

/** Recognisable fake keys in every provider's shape, plus one with no shape at all. */
const KEYS = {
  openai: 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123456789',
  anthropic: 'sk-ant-api03-ZyXwVuTsRqPoNmLkJiHg_9876543210-AA',
  google: 'AIzaSyD-FAKEFAKEFAKEFAKEFAKEFAKE12345',
  groq: 'gsk_Q1w2E3r4T5y6U7i8O9p0AsDfGhJk',
  shapeless: 'zq8Xw2LmNoPa4rTuVw',
  bearer: 'tok.eyJhbGciOi.unregistered-bearer-value',
} as const;
registerSecret(KEYS.shapeless);

/** Every string reachable from an error: messages, stacks, string fields, the whole cause chain. */
function allText(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  const texts: string[] = [];
  const error = value as { message?: unknown; stack?: unknown; cause?: unknown; errors?: unknown };
  for (const field of [error.message, error.stack]) if (typeof field === 'string') texts.push(field);
  for (const key of Object.getOwnPropertyNames(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (typeof field === 'string') texts.push(field);
  }
  texts.push(...allText(error.cause, seen));
  if (Array.isArray(error.errors)) for (const member of error.errors) texts.push(...allText(member, seen));
  if (value instanceof Error) texts.push(String(value));
  return texts;
}

function expectNoKey(error: FluxError): void {
  const texts = allText(error);
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) {
    for (const key of Object.values(KEYS)) expect(text).not.toContain(key);
  }
}

/** A bearer token has no shape of its own: it is recognised by the `Bearer` before it. */
const everyKey = `${[KEYS.openai, KEYS.anthropic, KEYS.google, KEYS.groq, KEYS.shapeless].join(' | ')} | Bearer ${KEYS.bearer}`;

describe('no error message or cause ever contains a key', () => {
  it('FluxError messages', () => {
    expectNoKey(new FluxError({ category: 'server', message: `keys: ${everyKey}` }));
  });

  it('provider bodies that echo a key (JSON and unstructured)', () => {
    const echo = `Incorrect API key provided: ${KEYS.openai}. Also ${KEYS.shapeless}`;
    expectNoKey(classifyHttp(401, JSON.stringify({ error: { message: echo, type: 'invalid_request_error', code: 'invalid_api_key' } })));
    expectNoKey(classifyHttp(400, JSON.stringify({ error: { code: 400, message: `API key not valid: ${KEYS.google}`, status: 'INVALID_ARGUMENT' } })));
    expectNoKey(classifyHttp(502, `<html>upstream rejected ${everyKey}</html>`));
    expectNoKey(classifyHttp(401, undefined, undefined, { message: `bad key ${KEYS.anthropic}`, providerCode: 'authentication_error' }));
  });

  it('provider codes and params that echo a key', () => {
    expectNoKey(new FluxError({ category: 'invalid_request', message: 'x', param: `messages[0] ${everyKey}`, providerCode: everyKey }));
    expectNoKey(classifyHttp(401, JSON.stringify({ error: { message: 'bad key', type: `invalid_key ${KEYS.shapeless}` } })));
    expectNoKey(classifyHttp(400, JSON.stringify({ error: { code: 400, message: 'bad key', status: KEYS.google } })));
  });

  it('URLs with the key in the query', () => {
    const url = `https://generativelanguage.googleapis.com/v1beta/models/x:generateContent?alt=sse&key=${KEYS.shapeless}x`;
    const error = new FluxError({ category: 'network', message: `request to ${url} failed` });
    expectNoKey(error);
    expect(error.message).toContain('key=[REDACTED]');
  });

  it('Authorization and api-key header values', () => {
    const headers = `Authorization: Bearer ${KEYS.bearer}\nx-api-key: ${KEYS.anthropic}\nx-goog-api-key: ${KEYS.google}`;
    expectNoKey(new FluxError({ category: 'invalid_request', message: headers }));
    expectNoKey(classifyHttp(400, JSON.stringify({ error: { message: `echo {"authorization":"Bearer ${KEYS.bearer}"}` } })));
  });

  it('network error causes, nested, aggregated, read-only and frozen', () => {
    const innermost = Object.assign(new Error(`connect failed for ${KEYS.groq}`), { code: 'ECONNREFUSED' });
    const aggregate = new AggregateError([innermost, new Error(`second ${KEYS.shapeless}`)], `all failed ${KEYS.openai}`);
    expectNoKey(classifyNetworkError(new TypeError('fetch failed', { cause: aggregate })));

    const domException = new DOMException(`aborted with Bearer ${KEYS.bearer}`, 'AbortError');
    expectNoKey(classifyNetworkError(new Error('outer', { cause: domException })));

    const frozen = Object.freeze(Object.assign(new Error(`frozen ${KEYS.anthropic}`), { code: 'ECONNRESET' }));
    const classified = classifyNetworkError(new Error('outer', { cause: frozen }));
    expectNoKey(classified);
    expect(classified.category).toBe('network');

    expectNoKey(new FluxError({ category: 'network', message: 'x', cause: `string cause ${KEYS.google}` }));
    expectNoKey(classifyNetworkError(new DOMException(`top ${KEYS.shapeless}`, 'AbortError')));
  });

  it('copies attributed to an endpoint', () => {
    const error = new FluxError({ category: 'server', message: KEYS.openai, cause: new Error(KEYS.shapeless) });
    expectNoKey(error.withEndpoint('ep-1'));
  });
});

describe('redactSecrets', () => {
  it('leaves ordinary text alone', () => {
    const text = 'The model is overloaded. Please try again in 1.5s (request req_011CSHoEeqs5C35K2UUqR7Fy).';
    expect(redactSecrets(text)).toBe(text);
  });

  it('ignores registered values too short to be keys', () => {
    registerSecret('abc');
    expect(redactSecrets('abc def')).toBe('abc def');
  });
});

describe('SecretRegistry', () => {
  it('redacts a registered value until it is unregistered', () => {
    const secrets = new SecretRegistry();
    secrets.register('shapeless-one');
    expect(secrets.redact('echo shapeless-one')).toBe('echo [REDACTED]');
    expect(secrets.unregister('shapeless-one')).toBe(true);
    expect(secrets.redact('echo shapeless-one')).toBe('echo shapeless-one');
    expect(secrets.unregister('shapeless-one')).toBe(false);
  });

  it('holds at most maxSecrets values, forgetting the one registered longest ago', () => {
    const secrets = new SecretRegistry(2);
    for (const value of ['first-value', 'second-value', 'third-value']) secrets.register(value);
    expect(secrets.size).toBe(2);
    expect([secrets.has('first-value'), secrets.has('second-value'), secrets.has('third-value')]).toEqual([false, true, true]);
    expect(secrets.redact('first-value')).toBe('first-value');
  });

  it('makes a value registered again the newest, so a key still in use outlasts the ones after it', () => {
    const secrets = new SecretRegistry(2);
    secrets.register('first-value');
    secrets.register('second-value');
    secrets.register('first-value');
    secrets.register('third-value');
    expect([secrets.has('first-value'), secrets.has('second-value'), secrets.has('third-value')]).toEqual([true, false, true]);
  });

  it('still redacts key shapes it never registered', () => {
    expect(new SecretRegistry().redact(`key ${KEYS.openai}`)).toBe('key [REDACTED]');
  });

  it('keeps its values to itself', () => {
    const own = new SecretRegistry();
    own.register('only-in-own-registry');
    expect(new SecretRegistry().redact('only-in-own-registry')).toBe('only-in-own-registry');
    expect(redactSecrets('only-in-own-registry')).toBe('only-in-own-registry');
  });

  it('refuses a cap that is not a positive integer', () => {
    for (const cap of [0, -1, 1.5, Number.NaN]) expect(() => new SecretRegistry(cap)).toThrow(RangeError);
  });
});

describe('the default registry', () => {
  it('is the one registerSecret, unregisterSecret, redactSecrets and FluxError use, capped at DEFAULT_MAX_SECRETS', () => {
    expect(defaultSecrets.maxSecrets).toBe(DEFAULT_MAX_SECRETS);
    registerSecret('dropped-key-value');
    expect(defaultSecrets.has('dropped-key-value')).toBe(true);
    expect(new FluxError({ category: 'server', message: 'echo dropped-key-value' }).message).toBe('echo [REDACTED]');
    expect(unregisterSecret('dropped-key-value')).toBe(true);
    expect(redactSecrets('echo dropped-key-value')).toBe('echo dropped-key-value');
    expect(new FluxError({ category: 'server', message: 'echo dropped-key-value' }).message).toBe('echo dropped-key-value');
  });
});
