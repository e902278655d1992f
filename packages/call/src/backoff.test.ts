import { describe, expect, it } from 'vitest';
import { backoffDelay, BACKOFF_CAP_MS } from './backoff.js';

describe('backoffDelay', () => {
  it('is 0 before any attempt', () => {
    expect(backoffDelay(0, () => 0.99)).toBe(0);
  });

  it('draws uniformly below a ceiling that doubles from 100 ms', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, () => 0.999_999) + 1);
    expect(ceilings).toEqual([100, 200, 400, 800, 1600, 3200]);
    expect(backoffDelay(3, () => 0)).toBe(0);
    expect(backoffDelay(3, () => 0.5)).toBe(200);
  });

  it('never exceeds the 5 s cap, even for very large attempt numbers', () => {
    for (const attempt of [7, 8, 40, 1000]) expect(backoffDelay(attempt, () => 0.999_999)).toBeLessThan(BACKOFF_CAP_MS);
    expect(backoffDelay(1000, () => 0.5)).toBe(2500);
  });
});
