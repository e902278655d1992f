import { describe, expect, it } from 'vitest';
import { deeplyNested, deeplyNestedJson } from './deeply-nested.js';

describe('deeplyNested', () => {
  it('nests objects under "a" as deep as asked', () => {
    expect(deeplyNestedJson(2)).toBe('{"a":{"a":1}}');
    expect(deeplyNested(1)).toEqual({ a: 1 });
  });

  it('is by default a value JSON.parse reads and JSON.stringify cannot write back', () => {
    const value = deeplyNested();
    expect(() => JSON.stringify(value)).toThrow(RangeError);
  });
});
