import { FluxError, type ErrorCategory } from '@fluxcore/errors';
import { fluxErrorOf } from '@fluxcore/testkit';
import { describe, expect, it, vi } from 'vitest';
import { useFakeClock } from './__fixtures__/fake-clock.js';
import { testKey } from './__fixtures__/protocol.js';
import { Endpoint, type EndpointOptions, type Permit } from './endpoint.js';

const upstream = (category: ErrorCategory, extra: { retryAfterMs?: number } = {}) => new FluxError({ category, message: category, ...extra });

function endpoint(options: Partial<EndpointOptions> = {}): Endpoint {
  return new Endpoint({ id: 1, key: testKey(), ...options });
}

function failTimes(target: Endpoint, times: number, error: unknown = upstream('server')): void {
  for (let i = 0; i < times; i++) target.markFail(error);
}

/** A default endpoint whose breaker opened on three failures and whose recovery timeout has passed: its probe slot is free. */
function halfOpen(): Endpoint {
  const e = endpoint();
  failTimes(e, 3);
  vi.advanceTimersByTime(60_000);
  return e;
}

useFakeClock(1_000_000);

describe('Endpoint construction', () => {
  it('applies documented defaults', () => {
    const e = endpoint();
    expect([e.model, e.inputPrice, e.outputPrice, e.cachedInputPrice, e.priority]).toEqual([undefined, 0, 0, 0, 0]);
    expect(e.breakerConfig).toEqual({ threshold: 3, recoveryTimeoutMs: 60_000 });
    expect([e.state, e.latencyMs, e.consecutiveFailures]).toEqual(['closed', undefined, 0]);
  });

  it('defaults the cached input price to the input price', () => {
    expect(endpoint({ inputPrice: 2 }).cachedInputPrice).toBe(2);
    expect(endpoint({ inputPrice: 2, cachedInputPrice: 0.5 }).cachedInputPrice).toBe(0.5);
  });

  it('defaults the cache write price to the input price', () => {
    expect(endpoint({ inputPrice: 3 }).cacheWritePrice).toBe(3);
    expect(endpoint({ inputPrice: 3, cacheWritePrice: 3.75 }).cacheWritePrice).toBe(3.75);
    expect(endpoint({ inputPrice: 3, cacheWritePrice: 0 }).cacheWritePrice).toBe(0);
  });

  const invalid: ReadonlyArray<readonly [string, Partial<Record<keyof EndpointOptions, unknown>>, string]> = [
    ['an empty string id', { id: '' }, 'id'],
    ['a NaN id', { id: Number.NaN }, 'id'],
    ['an object id', { id: {} }, 'id'],
    ['a numeric model', { model: 4 }, 'model'],
    ['a negative input price', { inputPrice: -1 }, 'inputPrice'],
    ['an infinite output price', { outputPrice: Infinity }, 'outputPrice'],
    ['a string cached price', { cachedInputPrice: '0.1' }, 'cachedInputPrice'],
    ['a negative cache write price', { cacheWritePrice: -3.75 }, 'cacheWritePrice'],
    ['a NaN cache write price', { cacheWritePrice: Number.NaN }, 'cacheWritePrice'],
    ['a NaN priority', { priority: Number.NaN }, 'priority'],
    ['a zero threshold', { breaker: { threshold: 0 } }, 'breaker.threshold'],
    ['a fractional threshold', { breaker: { threshold: 1.5 } }, 'breaker.threshold'],
    ['a negative recovery timeout', { breaker: { recoveryTimeoutMs: -5 } }, 'breaker.recoveryTimeoutMs'],
    ['a missing key', { key: undefined }, 'key'],
  ];
  it.each(invalid)('rejects %s with a FluxError naming the field', (_name, options, param) => {
    expect(fluxErrorOf(() => new Endpoint({ id: 1, key: testKey(), ...options } as EndpointOptions)).param).toBe(param);
  });

  it('rejects options that are not an object', () => {
    expect(() => new Endpoint(undefined as unknown as EndpointOptions)).toThrow(FluxError);
  });
});

describe('circuit breaker transitions', () => {
  it('stays closed below the threshold', () => {
    const e = endpoint();
    failTimes(e, 2);
    expect([e.state, e.consecutiveFailures, e.isCircuitBreakerOpen()]).toEqual(['closed', 2, false]);
  });

  it('closed -> open after threshold consecutive counted failures', () => {
    const e = endpoint();
    failTimes(e, 3);
    expect([e.state, e.isCircuitBreakerOpen(), e.isAvailable()]).toEqual(['open', true, false]);
  });

  it('a success resets the consecutive count', () => {
    const e = endpoint();
    failTimes(e, 2);
    e.markSuccess();
    failTimes(e, 2);
    expect([e.state, e.consecutiveFailures]).toEqual(['closed', 2]);
  });

  it('stays open until the recovery timeout, then is half-open', () => {
    const e = endpoint();
    failTimes(e, 3);
    vi.advanceTimersByTime(59_999);
    expect(e.state).toBe('open');
    vi.advanceTimersByTime(1);
    expect([e.state, e.isCircuitBreakerOpen()]).toEqual(['half_open', false]);
  });

  it('half-open admits exactly one probe until it reports', () => {
    const e = halfOpen();
    expect(e.tryAcquire()?.probe).toBe(true);
    expect(e.tryAcquire()).toBeUndefined();
    expect([e.state, e.isCircuitBreakerOpen(), e.isAvailable()]).toEqual(['half_open', true, false]);
  });

  it('is probing only while its half-open probe is out: not when closed, open, or half-open with the slot free', () => {
    const e = endpoint();
    expect(e.isProbing()).toBe(false);
    failTimes(e, 3);
    expect(e.isProbing()).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(e.isProbing()).toBe(false);
    const probe = e.tryAcquire();
    expect(e.isProbing()).toBe(true);
    e.markSuccess(1, probe);
    expect(e.isProbing()).toBe(false);
  });

  it('half-open -> closed on the probe success', () => {
    const e = halfOpen();
    e.tryAcquire();
    e.markSuccess(120);
    expect([e.state, e.consecutiveFailures, e.isAvailable(), e.latencyMs]).toEqual(['closed', 0, true, 120]);
  });

  it('half-open -> open on the probe failure, with a fresh recovery window', () => {
    const e = halfOpen();
    e.tryAcquire();
    e.markFail(upstream('timeout'));
    expect(e.state).toBe('open');
    vi.advanceTimersByTime(59_999);
    expect(e.state).toBe('open');
    vi.advanceTimersByTime(1);
    expect(e.state).toBe('half_open');
  });

  it('an unanswered probe is reclaimed after the recovery timeout', () => {
    const e = halfOpen();
    expect(e.tryAcquire()).toBeDefined();
    vi.advanceTimersByTime(59_999);
    expect(e.tryAcquire()).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(e.tryAcquire()?.probe).toBe(true);
  });

  it('a probe that ends without evidence frees the slot and stays half-open', () => {
    const e = halfOpen();
    e.tryAcquire();
    e.markFail(upstream('canceled'));
    expect([e.state, e.tryAcquire()?.probe]).toEqual(['half_open', true]);
  });

  it('late failures while open do not push recovery back', () => {
    const e = endpoint();
    failTimes(e, 3);
    vi.advanceTimersByTime(30_000);
    failTimes(e, 5);
    vi.advanceTimersByTime(30_000);
    expect(e.state).toBe('half_open');
  });

  it('a success while open closes it (the endpoint answered)', () => {
    const e = endpoint();
    failTimes(e, 3);
    e.markSuccess();
    expect(e.state).toBe('closed');
  });

  it('honours a custom threshold and recovery timeout', () => {
    const e = endpoint({ breaker: { threshold: 5, recoveryTimeoutMs: 30_000 } });
    failTimes(e, 4);
    expect(e.state).toBe('closed');
    e.markFail();
    expect(e.state).toBe('open');
    vi.advanceTimersByTime(30_000);
    expect(e.state).toBe('half_open');
  });

  it('a threshold of 1 opens on the first failure', () => {
    const e = endpoint({ breaker: { threshold: 1 } });
    e.markFail();
    expect(e.state).toBe('open');
  });
});

describe('permits: only current requests change the breaker', () => {
  /** An endpoint that opens on one failure, with `stale` admitted while it was still closed. */
  function openedWithStaleRequest(): { e: Endpoint; stale: Permit } {
    const e = endpoint({ breaker: { threshold: 1, recoveryTimeoutMs: 10_000 } });
    const stale = e.tryAcquire()!;
    e.markFail(upstream('server'), e.tryAcquire());
    expect(e.state).toBe('open');
    return { e, stale };
  }

  function probeOf(e: Endpoint): Permit {
    vi.advanceTimersByTime(10_000);
    const probe = e.tryAcquire();
    expect(probe?.probe).toBe(true);
    return probe!;
  }

  it('a request sent before the breaker opened and cancelled during the probe does not free the probe slot', () => {
    const { e, stale } = openedWithStaleRequest();
    probeOf(e);
    e.markFail(upstream('canceled'), stale);
    expect(e.tryAcquire()).toBeUndefined();
    expect([e.state, e.isCircuitBreakerOpen()]).toEqual(['half_open', true]);
  });

  it('a stale success does not close the breaker while the probe is out, but feeds the latency', () => {
    const { e, stale } = openedWithStaleRequest();
    const probe = probeOf(e);
    e.markSuccess(250, stale);
    expect([e.state, e.latencyMs, e.tryAcquire()]).toEqual(['half_open', 250, undefined]);
    e.markFail(upstream('server'), probe);
    expect(e.state).toBe('open');
  });

  it('a stale failure does not re-open the breaker while the probe is out; the probe settles it', () => {
    const { e, stale } = openedWithStaleRequest();
    const probe = probeOf(e);
    e.markFail(upstream('server'), stale);
    expect([e.state, e.tryAcquire()]).toEqual(['half_open', undefined]);
    e.markSuccess(80, probe);
    expect([e.state, e.consecutiveFailures]).toEqual(['closed', 0]);
  });

  it('a failure from before the last close does not count against the closed breaker', () => {
    const { e, stale } = openedWithStaleRequest();
    e.markSuccess(80, probeOf(e));
    e.markFail(upstream('server'), stale);
    expect([e.state, e.consecutiveFailures]).toEqual(['closed', 0]);
  });

  it('requests admitted since the last close count as usual', () => {
    const e = endpoint();
    const permits = [e.tryAcquire(), e.tryAcquire(), e.tryAcquire()];
    for (const permit of permits) e.markFail(upstream('server'), permit);
    expect(e.state).toBe('open');
  });

  it('the probe that ends without evidence gives its slot back', () => {
    const { e } = openedWithStaleRequest();
    e.markFail(upstream('canceled'), probeOf(e));
    expect(e.tryAcquire()?.probe).toBe(true);
  });

  it('a probe whose slot was reclaimed changes nothing when it finally answers', () => {
    const { e } = openedWithStaleRequest();
    const slow = probeOf(e);
    vi.advanceTimersByTime(10_000);
    const next = e.tryAcquire()!;
    e.markSuccess(90_000, slow);
    expect([e.state, e.tryAcquire()]).toEqual(['half_open', undefined]);
    e.markSuccess(100, next);
    expect(e.state).toBe('closed');
  });

  it('keeps the Retry-After cool-down of a stale failure', () => {
    const { e, stale } = openedWithStaleRequest();
    probeOf(e);
    e.markFail(upstream('rate_limit', { retryAfterMs: 30_000 }), stale);
    expect(e.availableAt()).toBe(Date.now() + 30_000);
  });

  it('requests admitted while closed share one frozen permit per generation', () => {
    const e = endpoint();
    const first = e.tryAcquire()!;
    expect([first.probe, Object.isFrozen(first), e.tryAcquire()]).toEqual([false, true, first]);
  });

  it("rejects another endpoint's permit with a FluxError naming it", () => {
    const other = endpoint({ id: 2 }).tryAcquire();
    expect(() => endpoint().markSuccess(1, other)).toThrow(expect.objectContaining({ param: 'permit' }));
    expect(() => endpoint().markFail(undefined, null as unknown as Permit)).toThrow(expect.objectContaining({ param: 'permit' }));
  });

  it('without a permit (plain markSuccess()/markFail()) an outcome is taken as current: a cancel frees the probe slot', () => {
    const { e } = openedWithStaleRequest();
    probeOf(e);
    e.markFail(upstream('canceled'));
    expect(e.tryAcquire()?.probe).toBe(true);
    e.markSuccess();
    expect(e.state).toBe('closed');
  });
});

describe('what counts as a failure', () => {
  it.each<ErrorCategory>(['server', 'overloaded', 'rate_limit', 'timeout', 'network', 'upstream_protocol'])('%s counts', (category) => {
    const e = endpoint();
    e.markFail(upstream(category));
    expect(e.consecutiveFailures).toBe(1);
  });

  it.each<ErrorCategory>(['invalid_request', 'not_found', 'request_too_large', 'canceled', 'no_endpoint'])('%s does not count', (category) => {
    const e = endpoint();
    failTimes(e, 10, upstream(category));
    expect([e.consecutiveFailures, e.state]).toEqual([0, 'closed']);
  });

  it('an error that opts out of counting does not count', () => {
    const e = endpoint();
    failTimes(e, 5, new FluxError({ category: 'server', message: '409', countsAsFailure: false }));
    expect(e.state).toBe('closed');
  });

  it.each<ErrorCategory>(['authentication', 'permission'])('%s opens the breaker at once', (category) => {
    const e = endpoint();
    e.markFail(upstream(category));
    expect(e.state).toBe('open');
  });

  it('an unknown error or none counts', () => {
    const e = endpoint();
    e.markFail(new Error('boom'));
    e.markFail();
    e.markFail('thrown string');
    expect(e.state).toBe('open');
  });
});

describe('cool-down', () => {
  it('keeps the endpoint out until the given time without opening the breaker', () => {
    const e = endpoint();
    e.coolDown(Date.now() + 5_000);
    expect([e.isAvailable(), e.isCircuitBreakerOpen(), e.state]).toEqual([false, false, 'closed']);
    expect(e.availableAt()).toBe(Date.now() + 5_000);
    vi.advanceTimersByTime(5_000);
    expect(e.isAvailable()).toBe(true);
  });

  it('a shorter cool-down never cuts a longer one short', () => {
    const e = endpoint();
    e.coolDown(Date.now() + 10_000);
    e.coolDown(Date.now() + 1_000);
    vi.advanceTimersByTime(5_000);
    expect(e.isAvailable()).toBe(false);
  });

  it("markFail cools down for the error's retryAfterMs, counted or not", () => {
    const e = endpoint();
    e.markFail(upstream('rate_limit', { retryAfterMs: 2_000 }));
    expect([e.isAvailable(), e.consecutiveFailures]).toEqual([false, 1]);
    vi.advanceTimersByTime(2_000);
    expect(e.isAvailable()).toBe(true);
    e.markFail(new FluxError({ category: 'server', message: '409', countsAsFailure: false, retryAfterMs: 1_000 }));
    expect(e.isAvailable()).toBe(false);
  });

  it('rejects a time that is not a number', () => {
    expect(() => endpoint().coolDown(Number.NaN)).toThrow(FluxError);
  });
});

describe('availableAt', () => {
  it('is now when available, the end of the recovery window when open, the reclaim time with a probe out', () => {
    const e = endpoint();
    const start = Date.now();
    expect(e.availableAt()).toBe(start);
    failTimes(e, 3);
    expect(e.availableAt()).toBe(start + 60_000);
    vi.advanceTimersByTime(60_000);
    e.tryAcquire();
    expect(e.availableAt()).toBe(start + 120_000);
  });

  it('is the later of the breaker and the cool-down', () => {
    const e = endpoint();
    failTimes(e, 3);
    e.coolDown(Date.now() + 90_000);
    expect(e.availableAt()).toBe(Date.now() + 90_000);
  });
});

describe('smoothed latency', () => {
  it('the first sample sets it, then each sample weighs 0.1', () => {
    const e = endpoint();
    const seen: number[] = [];
    for (const sample of [100, 200, 300]) {
      e.markSuccess(sample);
      seen.push(e.latencyMs!);
    }
    expect(seen[0]).toBe(100);
    expect(seen[1]).toBeCloseTo(110, 10);
    expect(seen[2]).toBeCloseTo(129, 10);
  });

  it('a zero sample is a sample, invalid samples are ignored', () => {
    const e = endpoint();
    e.markSuccess(0);
    expect(e.latencyMs).toBe(0);
    e.markSuccess(Number.NaN);
    e.markSuccess(-5);
    e.markSuccess(Infinity);
    e.markSuccess();
    expect(e.latencyMs).toBe(0);
  });
});
