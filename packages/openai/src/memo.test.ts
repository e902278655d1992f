import { describe, expect, it } from 'vitest';
import { memoByBaseURL } from './memo.js';

describe('memoByBaseURL', () => {
  it('derives a value once per base URL', () => {
    const seen: string[] = [];
    const derive = memoByBaseURL((base) => {
      seen.push(base);
      return `${base}/v1/chat/completions`;
    });
    expect(derive('http://a')).toBe('http://a/v1/chat/completions');
    expect(derive('http://a')).toBe('http://a/v1/chat/completions');
    expect(derive('http://b')).toBe('http://b/v1/chat/completions');
    expect(seen).toEqual(['http://a', 'http://b']);
  });

  it('throws again for a base URL that failed, instead of remembering it', () => {
    let calls = 0;
    const derive = memoByBaseURL((): string => {
      calls++;
      throw new Error('not a URL');
    });
    expect(() => derive('nope')).toThrow('not a URL');
    expect(() => derive('nope')).toThrow('not a URL');
    expect(calls).toBe(2);
  });

  it('starts over once it knows 64 base URLs, and still answers correctly', () => {
    let calls = 0;
    const derive = memoByBaseURL((base) => {
      calls++;
      return base.length;
    });
    for (let i = 0; i < 65; i++) derive(`http://host-${i}`);
    expect(calls).toBe(65);
    expect(derive('http://host-64')).toBe('http://host-64'.length);
    expect(calls).toBe(65);
    expect(derive('http://host-0')).toBe('http://host-0'.length);
    expect(calls).toBe(66);
  });
});
