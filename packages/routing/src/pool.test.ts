import { FluxError } from '@fluxcore/errors';
import { fluxErrorOf } from '@fluxcore/testkit';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { useFakeClock } from './__fixtures__/fake-clock.js';
import { testKey } from './__fixtures__/protocol.js';
import { Endpoint, type EndpointOptions } from './endpoint.js';
import { EndpointPool } from './pool.js';
import { compareIds, compareLatency, DEFAULT_EXPECTED_OUTPUT_TOKENS, type CustomStrategy } from './select.js';

const key = testKey();
const ep = (id: string | number, options: Partial<EndpointOptions> = {}) => new Endpoint({ id, key, ...options });
const small = { inputTokens: 1000 };
const open = (endpoint: Endpoint) => {
  for (let i = 0; i < endpoint.breakerConfig.threshold; i++) endpoint.markFail();
};

useFakeClock(5_000_000);

describe('EndpointPool options', () => {
  it('defaults to 3 retries, 4 attempts, the price strategy and 1024 expected output tokens', () => {
    const pool = new EndpointPool([ep(1)]);
    expect([pool.retries, pool.maxAttempts, pool.defaultOutputTokens]).toEqual([3, 4, DEFAULT_EXPECTED_OUTPUT_TOKENS]);
    expect(DEFAULT_EXPECTED_OUTPUT_TOKENS).toBe(1024);
  });

  it('retries: 0 means exactly one attempt', () => {
    expect(new EndpointPool([ep(1)], { retries: 0 }).maxAttempts).toBe(1);
  });

  it('keeps a frozen copy of the endpoints', () => {
    const list = [ep(1)];
    const pool = new EndpointPool(list);
    list.push(ep(2));
    expect(pool.endpoints).toHaveLength(1);
    expect(Object.isFrozen(pool.endpoints)).toBe(true);
  });

  const invalid: ReadonlyArray<readonly [string, () => unknown, string]> = [
    ['negative retries', () => new EndpointPool([ep(1)], { retries: -1 }), 'retries'],
    ['fractional retries', () => new EndpointPool([ep(1)], { retries: 1.5 }), 'retries'],
    ['an unknown strategy', () => new EndpointPool([ep(1)], { strategy: 'cheapest' as 'price' }), 'strategy'],
    ['negative default output', () => new EndpointPool([ep(1)], { defaultOutputTokens: -1 }), 'defaultOutputTokens'],
    ['endpoints that are not an array', () => new EndpointPool(ep(1) as unknown as Endpoint[]), 'endpoints'],
    ['a plain object as an endpoint', () => new EndpointPool([{ id: 1 } as unknown as Endpoint]), 'endpoints[0]'],
    ['a repeated id', () => new EndpointPool([ep(1), ep(2), ep(1)]), 'endpoints[2].id'],
    ['an estimate without inputTokens', () => new EndpointPool([ep(1)]).select({} as { inputTokens: number }), 'estimate.inputTokens'],
    ['a negative maxOutputTokens', () => new EndpointPool([ep(1)]).select({ inputTokens: 1, maxOutputTokens: -1 }), 'estimate.maxOutputTokens'],
    ['no estimate', () => new EndpointPool([ep(1)]).select(undefined as unknown as { inputTokens: number }), 'estimate'],
  ];
  it.each(invalid)('rejects %s with a FluxError naming it', (_name, run, param) => {
    expect(fluxErrorOf(run).param).toBe(param);
  });

  it('an empty pool selects nothing and is never available', () => {
    const pool = new EndpointPool([]);
    expect(pool.select(small)).toBeUndefined();
    expect(pool.nextAvailableAt()).toBeUndefined();
  });
});

describe('price strategy', () => {
  it('picks the cheapest estimated cost for this request', () => {
    const cheapInput = ep('cheap-input', { inputPrice: 0.1, outputPrice: 10 });
    const cheapOutput = ep('cheap-output', { inputPrice: 3, outputPrice: 1 });
    const pool = new EndpointPool([cheapOutput, cheapInput]);
    // Long prompt, short answer: input price dominates.
    expect(pool.select({ inputTokens: 100_000, maxOutputTokens: 100 })).toBe(cheapInput);
    // Short prompt, long answer: output price dominates.
    expect(pool.select({ inputTokens: 100, maxOutputTokens: 8_000 })).toBe(cheapOutput);
  });

  it('assumes the default expected output when the request sets no limit', () => {
    const a = ep('a', { inputPrice: 1, outputPrice: 2 }); // 1000 + 2048 = 3048
    const b = ep('b', { inputPrice: 2, outputPrice: 1 }); // 2000 + 1024 = 3024
    expect(new EndpointPool([a, b]).select(small)).toBe(b);
    expect(new EndpointPool([a, b], { defaultOutputTokens: 100 }).select(small)).toBe(a);
  });

  it('breaks price ties by smoothed latency, unmeasured first, then by id', () => {
    const slow = ep(3, { inputPrice: 1 });
    const fast = ep(2, { inputPrice: 1 });
    const fresh = ep(9, { inputPrice: 1 });
    slow.markSuccess(900);
    fast.markSuccess(100);
    expect(new EndpointPool([slow, fast, fresh]).select(small)).toBe(fresh);
    fresh.markSuccess(500);
    expect(new EndpointPool([slow, fast, fresh]).select(small)).toBe(fast);
    expect(new EndpointPool([ep(7), ep(5), ep(6)]).select(small)?.id).toBe(5);
    expect(new EndpointPool([ep('b'), ep(10), ep('a')]).select(small)?.id).toBe(10);
    expect(new EndpointPool([ep('b'), ep('a')]).select(small)?.id).toBe('a');
  });

  it('skips open and cooling endpoints and those excluded', () => {
    const [a, b, c] = [ep('a', { inputPrice: 1 }), ep('b', { inputPrice: 2 }), ep('c', { inputPrice: 3 })];
    const pool = new EndpointPool([a, b, c]);
    open(a);
    expect(pool.select(small)).toBe(b);
    b.coolDown(Date.now() + 1_000);
    expect(pool.select(small)).toBe(c);
    expect(pool.select(small, new Set([c]))).toBeUndefined();
  });

  it('is not sticky: the cheapest takes traffic again once its breaker closes', () => {
    const cheap = ep('cheap', { inputPrice: 1 });
    const dear = ep('dear', { inputPrice: 5 });
    const pool = new EndpointPool([cheap, dear]);
    open(cheap);
    expect(pool.select(small)).toBe(dear);
    dear.markSuccess(50);
    vi.advanceTimersByTime(60_000);
    const probe = pool.select(small);
    expect(probe).toBe(cheap);
    probe!.markSuccess(80);
    expect(pool.select(small)).toBe(cheap);
    expect(pool.select(small)).toBe(cheap);
  });

  it('gives the half-open probe to one caller and the next best to the others', () => {
    const cheap = ep('cheap', { inputPrice: 1 });
    const dear = ep('dear', { inputPrice: 5 });
    const pool = new EndpointPool([cheap, dear]);
    open(cheap);
    vi.advanceTimersByTime(60_000);
    expect(pool.select(small)).toBe(cheap);
    expect(pool.select(small)).toBe(dear);
    cheap.markFail();
    expect(pool.select(small)).toBe(dear);
  });
});

describe('acquire', () => {
  it('hands out a permit for the chosen endpoint, marked as the probe when it is one', () => {
    const cheap = ep('cheap', { inputPrice: 1 });
    const pool = new EndpointPool([cheap, ep('dear', { inputPrice: 5 })]);
    expect(pool.acquire(small)).toMatchObject({ endpoint: cheap, probe: false });
    open(cheap);
    vi.advanceTimersByTime(60_000);
    expect(pool.acquire(small)).toMatchObject({ endpoint: cheap, probe: true });
    expect(pool.acquire(small)?.endpoint.id).toBe('dear');
  });

  it('a request admitted before the breaker opened and ending during the probe lets no second caller probe', () => {
    const only = ep('only', { breaker: { threshold: 1, recoveryTimeoutMs: 10_000 } });
    const pool = new EndpointPool([only]);
    const early = pool.acquire(small)!;
    const failing = pool.acquire(small)!;
    only.markFail(new FluxError({ category: 'server', message: '500' }), failing);
    vi.advanceTimersByTime(10_000);
    expect(pool.acquire(small)?.probe).toBe(true);
    only.markFail(new FluxError({ category: 'canceled', message: 'client went away' }), early);
    expect(pool.acquire(small)).toBeUndefined();
  });
});

describe('100 concurrent callers at the half-open moment', () => {
  it('exactly one gets through', async () => {
    const only = ep('only', { breaker: { threshold: 1, recoveryTimeoutMs: 10_000 } });
    const pool = new EndpointPool([only]);
    only.markFail();
    vi.advanceTimersByTime(10_000);
    const callers = Array.from({ length: 100 }, async (_, index) => {
      await Promise.resolve();
      if (index % 2 === 0) await new Promise<void>((resolve) => queueMicrotask(resolve));
      return pool.select(small);
    });
    const chosen = await Promise.all(callers);
    expect(chosen.filter((endpoint) => endpoint === only)).toHaveLength(1);
    expect(chosen.filter((endpoint) => endpoint === undefined)).toHaveLength(99);
  });

  it('after the probe succeeds every caller gets through', async () => {
    const only = ep('only', { breaker: { threshold: 1 } });
    const pool = new EndpointPool([only]);
    only.markFail();
    vi.advanceTimersByTime(60_000);
    pool.select(small)!.markSuccess(10);
    const chosen = await Promise.all(Array.from({ length: 100 }, async () => pool.select(small)));
    expect(chosen.every((endpoint) => endpoint === only)).toBe(true);
  });
});

describe('priority and latency strategies', () => {
  it('priority: lower priority first, then price, then id', () => {
    const pool = new EndpointPool([ep('a', { priority: 2, inputPrice: 0 }), ep('b', { priority: 1, inputPrice: 5 }), ep('c', { priority: 1, inputPrice: 3 })], {
      strategy: 'priority',
    });
    expect(pool.select(small)?.id).toBe('c');
  });

  it('latency: unmeasured first, then the lowest smoothed latency, then price', () => {
    const [a, b, c] = [ep('a', { inputPrice: 9 }), ep('b', { inputPrice: 1 }), ep('c', { inputPrice: 5 })];
    const pool = new EndpointPool([a, b, c], { strategy: 'latency' });
    expect(pool.select(small)).toBe(b);
    a.markSuccess(40);
    b.markSuccess(300);
    c.markSuccess(40);
    expect(pool.select(small)).toBe(c);
  });
});

describe('custom strategy', () => {
  it('receives only the available, not excluded candidates and the estimate', () => {
    const [a, b, c] = [ep('a'), ep('b'), ep('c')];
    open(a);
    const seen: unknown[] = [];
    const last: CustomStrategy = (candidates, estimate) => {
      seen.push(
        candidates.map((endpoint) => endpoint.id),
        estimate,
      );
      return candidates.at(-1);
    };
    const pool = new EndpointPool([a, b, c], { strategy: last });
    expect(pool.select(small, new Set([c]))).toBe(b);
    expect(seen).toEqual([['b'], small]);
  });

  it('may decline, and is not asked when nothing is available', () => {
    const calls = vi.fn(() => undefined);
    const a = ep('a');
    const pool = new EndpointPool([a], { strategy: calls });
    expect(pool.select(small)).toBeUndefined();
    open(a);
    expect(pool.select(small)).toBeUndefined();
    expect(calls).toHaveBeenCalledTimes(1);
  });

  it('claims the probe of a half-open endpoint it picks', () => {
    const a = ep('a');
    const pool = new EndpointPool([a], { strategy: (candidates) => candidates[0] });
    open(a);
    vi.advanceTimersByTime(60_000);
    expect(pool.select(small)).toBe(a);
    expect(pool.select(small)).toBeUndefined();
  });

  it('returning an endpoint that was not a candidate is an error', () => {
    const [a, b] = [ep('a'), ep('b')];
    open(b);
    expect(() => new EndpointPool([a, b], { strategy: () => b }).select(small)).toThrow(/not among the candidates/);
  });
});

describe('nextAvailableAt', () => {
  it('is now when an endpoint is available', () => {
    expect(new EndpointPool([ep(1)]).nextAvailableAt()).toBe(Date.now());
  });

  it('is the earliest moment an open or cooling endpoint comes back', () => {
    const [a, b] = [ep('a'), ep('b')];
    const pool = new EndpointPool([a, b]);
    open(a);
    b.coolDown(Date.now() + 7_000);
    expect(pool.nextAvailableAt()).toBe(Date.now() + 7_000);
    expect(pool.nextAvailableAt(new Set([b]))).toBe(Date.now() + 60_000);
    expect(pool.nextAvailableAt(new Set([a, b]))).toBeUndefined();
  });
});

describe('selection agrees with the plain rule: filter the usable endpoints, sort, take the first', () => {
  /** The documented order, written the obvious way. */
  function plainSelect(
    endpoints: readonly Endpoint[],
    strategy: 'price' | 'priority' | 'latency',
    inputTokens: number,
    outputTokens: number,
    exclude: ReadonlySet<Endpoint>,
  ): Endpoint | undefined {
    const cost = (e: Endpoint) => e.inputPrice * inputTokens + e.outputPrice * outputTokens;
    const order = (a: Endpoint, b: Endpoint): number => {
      const byCost = cost(a) - cost(b);
      const first =
        strategy === 'price'
          ? byCost || compareLatency(a, b)
          : strategy === 'priority'
            ? a.priority - b.priority || byCost || compareLatency(a, b)
            : compareLatency(a, b) || byCost;
      return first || compareIds(a.id, b.id);
    };
    return endpoints.filter((e) => !exclude.has(e) && !e.isCircuitBreakerOpen() && e.state !== 'half_open' && e.availableAt() <= Date.now()).sort(order)[0];
  }

  it('for every strategy, over random pools with ties, open breakers, cooldowns and exclusions', () => {
    const endpointSpec = fc.record({
      inputPrice: fc.constantFrom(0, 0.5, 1, 2),
      outputPrice: fc.constantFrom(0, 1, 4),
      priority: fc.integer({ min: 0, max: 2 }),
      latency: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      state: fc.constantFrom('usable', 'usable', 'usable', 'open', 'cooling'),
      excluded: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(endpointSpec, { minLength: 1, maxLength: 40 }),
        fc.constantFrom('price', 'priority', 'latency'),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (specs, strategy, inputTokens, outputTokens) => {
          const endpoints = specs.map((spec, i) => {
            const endpoint = ep(i % 3 === 0 ? `e${i}` : i, { inputPrice: spec.inputPrice, outputPrice: spec.outputPrice, priority: spec.priority });
            if (spec.latency !== undefined) endpoint.markSuccess(spec.latency);
            if (spec.state === 'open') open(endpoint);
            if (spec.state === 'cooling') endpoint.coolDown(Date.now() + 1_000);
            return endpoint;
          });
          const exclude = new Set(endpoints.filter((_, i) => specs[i]!.excluded));
          const pool = new EndpointPool(endpoints, { strategy });
          const expected = plainSelect(endpoints, strategy, inputTokens, outputTokens, exclude);
          expect(pool.select({ inputTokens, maxOutputTokens: outputTokens }, exclude)).toBe(expected);
        },
      ),
      { numRuns: 2_000, seed: 20261126 },
    );
  });
});
