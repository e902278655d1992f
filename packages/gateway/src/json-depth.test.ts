import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from './json-depth.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}1${close.repeat(depth)}`;

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, mixed', () => {
    expect(nestsDeeperThan(bytes(nested(3)), 3)).toBe(false);
    expect(nestsDeeperThan(bytes(nested(4)), 3)).toBe(true);
    expect(nestsDeeperThan(bytes('{"a":[{"b":[1]}]}'), 3)).toBe(true);
    expect(nestsDeeperThan(bytes('{"a":[1],"b":{"c":2},"d":[[3]]}'), 3)).toBe(false);
  });

  it('measures depth, not the number of brackets: many shallow siblings are not deep', () => {
    expect(nestsDeeperThan(bytes(`[${Array.from({ length: 1_000 }, () => '{"a":[1]}').join(',')}]`), 3)).toBe(false);
    expect(nestsDeeperThan(bytes(`[${Array.from({ length: 1_000 }, () => '{"a":[1]}').join(',')}]`), 2)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(bytes(`{"text":"${'[{'.repeat(100)}"}`), 2)).toBe(false);
    expect(nestsDeeperThan(bytes(`{"text":"say \\"${'['.repeat(100)}\\" and \\\\","x":[1]}`), 2)).toBe(false);
  });

  it('finds deep nesting without parsing (20,000 levels, found by the gateway fuzz)', () => {
    expect(nestsDeeperThan(bytes(`{"tools":${nested(20_000, '{"a":', '}')}}`), 512)).toBe(true);
  });
});
