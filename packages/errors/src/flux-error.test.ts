import { describe, expect, it } from 'vitest';
import { CATEGORY_POLICY, ERROR_CATEGORIES } from './category.js';
import { FluxError, isFluxError } from './flux-error.js';

describe('FluxError', () => {
  it.each(ERROR_CATEGORIES)('%s takes status, retryable and countsAsFailure from its category', (category) => {
    const error = new FluxError({ category, message: 'm' });
    const policy = CATEGORY_POLICY[category];
    expect({ status: error.status, retryable: error.retryable, countsAsFailure: error.countsAsFailure }).toEqual(policy);
    expect(error.name).toBe('FluxError');
    expect(error).toBeInstanceOf(Error);
  });

  it('lets every default be overridden', () => {
    const error = new FluxError({ category: 'server', message: 'm', status: 500, retryable: false, countsAsFailure: false });
    expect([error.status, error.retryable, error.countsAsFailure]).toEqual([500, false, false]);
  });

  it('omits optional fields that were not given', () => {
    const error = new FluxError({ category: 'server', message: 'm' });
    expect(Object.keys(error)).not.toContain('upstreamStatus');
    expect(Object.keys(error)).not.toContain('retryAfterMs');
  });

  it('copies itself with an endpoint id, keeping everything else', () => {
    const cause = new Error('root');
    const error = new FluxError({ category: 'rate_limit', message: 'm', upstreamStatus: 429, retryAfterMs: 5, providerCode: 'x', param: 'p', cause });
    const copy = error.withEndpoint(7);
    expect(copy.endpointId).toBe(7);
    expect(copy.toOptions()).toEqual({ ...error.toOptions(), endpointId: 7 });
    expect(copy.cause).toBe(cause);
  });

  it('is recognised by its brand even from another copy of the class', () => {
    const foreign = Object.assign(Object.create(Error.prototype), { [Symbol.for('fluxcore.FluxError')]: true });
    expect(isFluxError(foreign)).toBe(true);
    expect(isFluxError(new Error('plain'))).toBe(false);
    expect(isFluxError(null)).toBe(false);
    expect(isFluxError('FluxError')).toBe(false);
  });
});
