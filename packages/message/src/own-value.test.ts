import { describe, expect, it } from 'vitest';
import { ownValue } from './own-value.js';

describe('ownValue', () => {
  const table = { stop: 'end_turn', length: 'max_tokens' };

  it("returns the value of one of the table's own keys", () => {
    expect(ownValue(table, 'length')).toBe('max_tokens');
  });

  it('returns undefined for a key the table lacks, Object members included', () => {
    for (const key of ['pause', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) expect(ownValue(table, key)).toBeUndefined();
  });
});
