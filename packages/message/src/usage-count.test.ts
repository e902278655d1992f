import { describe, expect, it } from 'vitest';
import { usageCount } from './usage-count.js';

describe('usageCount', () => {
  it('reads a finite count of zero or more', () => {
    expect(usageCount(0)).toBe(0);
    expect(usageCount(42)).toBe(42);
  });

  it('reads anything else as undefined instead of failing', () => {
    for (const value of [-1, Number.NaN, Infinity, '12', null, undefined, {}, [3]]) expect(usageCount(value)).toBeUndefined();
  });
});
