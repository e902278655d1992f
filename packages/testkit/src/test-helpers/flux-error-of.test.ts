import { FluxError } from '@fluxcore/errors';
import { describe, expect, it } from 'vitest';
import { fluxErrorOf } from './flux-error-of.js';

describe('fluxErrorOf', () => {
  it('returns the FluxError the function throws', () => {
    const thrown = new FluxError({ category: 'invalid_request', message: 'messages: expected an array', param: 'messages' });
    expect(
      fluxErrorOf(() => {
        throw thrown;
      }),
    ).toBe(thrown);
  });

  it('rethrows any other error unchanged', () => {
    const crash = new TypeError('not a refusal');
    expect(() =>
      fluxErrorOf(() => {
        throw crash;
      }),
    ).toThrow(crash);
  });

  it('fails when the function returns instead of throwing', () => {
    expect(() => fluxErrorOf(() => 'fine')).toThrow('expected a FluxError to be thrown');
  });
});
