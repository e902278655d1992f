import { describe, expect, it } from 'vitest';
import { LineFragments } from './line-fragments.js';

describe('LineFragments', () => {
  it('joins the fragments and the last piece into one line, and counts what it holds', () => {
    const pending = new LineFragments();
    pending.add('da');
    pending.add('ta: {');
    expect(pending.length).toBe(7);
    expect(pending.take('}')).toBe('data: {}');
  });

  it('is empty after a line was taken', () => {
    const pending = new LineFragments();
    pending.add('first');
    pending.take('');
    expect(pending.length).toBe(0);
    expect(pending.take('second')).toBe('second');
  });
});
