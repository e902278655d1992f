import { describe, expect, it } from 'vitest';
import { setDefined } from './set-defined.js';

describe('setDefined', () => {
  it('sets a given value, falsy ones included', () => {
    const target: { n?: number; flag?: boolean; text?: string } = {};
    setDefined(target, 'n', 0);
    setDefined(target, 'flag', false);
    setDefined(target, 'text', '');
    expect(target).toEqual({ n: 0, flag: false, text: '' });
  });

  it('leaves the field alone for undefined', () => {
    const target: { n?: number } = { n: 3 };
    setDefined(target, 'n', undefined);
    expect(target).toEqual({ n: 3 });
    const empty: { n?: number } = {};
    setDefined(empty, 'n', undefined);
    expect('n' in empty).toBe(false);
  });
});
