import { describe, expect, it } from 'vitest';
import { TokenCountCache } from './token-count-cache.js';

/** A counter that records the texts it was asked to count. */
function counter() {
  const counted: string[] = [];
  return { counted, count: (text: string) => (counted.push(text), text.length) };
}

describe('TokenCountCache', () => {
  it('counts a text once, and answers it from memory after that', () => {
    const cache = new TokenCountCache(100);
    const { counted, count } = counter();
    expect([cache.tokens('abcd', count), cache.tokens('abcd', count)]).toEqual([4, 4]);
    expect(counted).toEqual(['abcd']);
  });

  it('never keeps more characters than its bound, dropping the least recently used texts first', () => {
    const cache = new TokenCountCache(10);
    const { counted, count } = counter();
    cache.tokens('aaaa', count);
    cache.tokens('bbbb', count);
    cache.tokens('aaaa', count); // now the most recently used
    cache.tokens('cccc', count); // 12 characters would not fit: 'bbbb' goes
    expect([cache.size, cache.chars]).toEqual([2, 8]);
    cache.tokens('aaaa', count);
    cache.tokens('bbbb', count);
    expect(counted).toEqual(['aaaa', 'bbbb', 'cccc', 'bbbb']);
    expect(cache.chars).toBeLessThanOrEqual(10);
  });

  it('counts a text longer than its bound every time, without keeping it or dropping the others', () => {
    const cache = new TokenCountCache(10);
    const { counted, count } = counter();
    cache.tokens('aaaa', count);
    const long = 'x'.repeat(11);
    expect([cache.tokens(long, count), cache.tokens(long, count)]).toEqual([11, 11]);
    expect(counted).toEqual(['aaaa', long, long]);
    expect([cache.size, cache.chars]).toEqual([1, 4]);
  });
});
