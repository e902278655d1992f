import { describe, expect, it } from 'vitest';
import { GatewayAuth, presentedKey } from './auth.js';

describe('presentedKey', () => {
  it('reads Authorization: Bearer (OpenAI, Anthropic 1.x, Cohere), case-insensitively', () => {
    expect(presentedKey({ authorization: 'Bearer gw-1' }, '', false)).toBe('gw-1');
    expect(presentedKey({ authorization: 'bearer gw-2' }, '', false)).toBe('gw-2');
  });

  it('reads x-api-key (Anthropic 0.x) and x-goog-api-key (Gemini)', () => {
    expect(presentedKey({ 'x-api-key': 'gw-3' }, '', false)).toBe('gw-3');
    expect(presentedKey({ 'x-goog-api-key': 'gw-4' }, '', false)).toBe('gw-4');
  });

  it('reads ?key= only where the route allows it', () => {
    expect(presentedKey({}, 'alt=sse&key=gw-5', true)).toBe('gw-5');
    expect(presentedKey({}, 'alt=sse&key=gw-5', false)).toBeUndefined();
  });

  it('ignores other Authorization schemes', () => {
    expect(presentedKey({ authorization: 'Basic Z3c6Z3c=' }, '', false)).toBeUndefined();
  });
});

describe('GatewayAuth', () => {
  const auth = new GatewayAuth(['gw-key-one', 'gw-key-two']);

  it('accepts every configured key', () => {
    expect(auth.accepts('gw-key-one')).toBe(true);
    expect(auth.accepts('gw-key-two')).toBe(true);
  });

  it('refuses a wrong, a truncated, an empty or a missing key', () => {
    expect(auth.accepts('gw-key-three')).toBe(false);
    expect(auth.accepts('gw-key-on')).toBe(false);
    expect(auth.accepts('')).toBe(false);
    expect(auth.accepts(undefined)).toBe(false);
  });
});
