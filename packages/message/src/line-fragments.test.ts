import { describe, expect, it } from 'vitest';
import { LineFragments } from './line-fragments.js';

describe('LineFragments', () => {
  it('joins the fragments and the last piece into one line, counting what it holds until then', () => {
    const pending = new LineFragments();
    pending.add('da');
    pending.add('ta: {');
    expect(pending.length).toBe(7);
    expect(pending.take('}')).toBe('data: {}');
    expect(pending.length).toBe(0);
    expect(pending.take('next')).toBe('next');
  });
});
