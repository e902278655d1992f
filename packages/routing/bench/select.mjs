// EndpointPool.select, isCircuitBreakerOpen and markFail. Run after
// `pnpm --filter @fluxcore/routing... build` (the package resolves to dist/).
// Targets (issue 2): select over 3 endpoints <= 100 ns, over 10,000 <= 50 µs;
// isCircuitBreakerOpen <= 20 ns.
import { FluxError } from '@fluxcore/errors';
import { Endpoint, EndpointPool } from '@fluxcore/routing';
import { bench, do_not_optimize, run, summary } from 'mitata';

const noop = () => {
  throw new Error('not called');
};
const protocol = {
  name: 'bench',
  family: 'bench',
  streamContentType: 'text/event-stream',
  parseRequest: noop,
  formatResponse: noop,
  createStreamEncoder: noop,
  formatError: noop,
  buildRequest: noop,
  buildPassthroughRequest: noop,
  parseResponse: noop,
  createStreamDecoder: noop,
  parseError: noop,
};
const key = { baseURL: 'https://api.example.com', apiKey: 'bench-key-0123456789', protocol };

/** n endpoints with scattered prices and latencies; every tenth one open, as in a bad day. */
function pool(n, { withOpen = false } = {}) {
  const endpoints = [];
  for (let i = 0; i < n; i++) {
    const endpoint = new Endpoint({ id: i, key, inputPrice: ((i * 7919) % 1000) / 100 + 0.1, outputPrice: ((i * 104729) % 1000) / 50 + 0.2 });
    endpoint.markSuccess(50 + ((i * 31) % 400));
    if (withOpen && i % 10 === 0) for (let f = 0; f < 3; f++) endpoint.markFail();
    endpoints.push(endpoint);
  }
  return new EndpointPool(endpoints);
}

/** The obvious implementation, for the ratio: filter the available ones, sort by cost, take the first. */
function naiveSelect(endpoints, estimate) {
  const out = estimate.maxOutputTokens ?? 1024;
  return endpoints
    .filter((e) => !e.isCircuitBreakerOpen())
    .sort(
      (a, b) =>
        a.inputPrice * estimate.inputTokens + a.outputPrice * out - (b.inputPrice * estimate.inputTokens + b.outputPrice * out) ||
        (a.latencyMs ?? -1) - (b.latencyMs ?? -1) ||
        a.id - b.id,
    )[0];
}

const estimate = { inputTokens: 1200, maxOutputTokens: 500 };
const p3 = pool(3);
const p100 = pool(100);
const p10k = pool(10_000);
const p10kOpen = pool(10_000, { withOpen: true });
const excludeOne = new Set([p100.select(estimate)]);

if (naiveSelect(p100.endpoints, estimate) !== p100.select(estimate)) throw new Error('naive and pool disagree');

summary(() => {
  bench('pool.select, 3 endpoints', () => do_not_optimize(p3.select(estimate))).baseline(true);
  bench('pool.select, 100 endpoints', () => do_not_optimize(p100.select(estimate)));
  bench('pool.select, 100 endpoints, 1 excluded', () => do_not_optimize(p100.select(estimate, excludeOne)));
  bench('pool.select, 10,000 endpoints', () => do_not_optimize(p10k.select(estimate)));
  bench('pool.select, 10,000 endpoints, 10% open', () => do_not_optimize(p10kOpen.select(estimate)));
});

summary(() => {
  bench('pool.select, 100 endpoints (ours)', () => do_not_optimize(p100.select(estimate))).baseline(true);
  bench('filter + sort, 100 endpoints (naive)', () => do_not_optimize(naiveSelect(p100.endpoints, estimate)));
});

const closed = new Endpoint({ id: 'closed', key });
const open = new Endpoint({ id: 'open', key });
for (let f = 0; f < 3; f++) open.markFail();
const failing = new Endpoint({ id: 'failing', key, breaker: { threshold: Number.MAX_SAFE_INTEGER } });
const serverError = new FluxError({ category: 'server', message: 'upstream answered HTTP 500' });

summary(() => {
  bench('isCircuitBreakerOpen, closed', () => do_not_optimize(closed.isCircuitBreakerOpen())).baseline(true);
  bench('isCircuitBreakerOpen, open', () => do_not_optimize(open.isCircuitBreakerOpen()));
  bench('markFail(FluxError server), counted while closed', () => failing.markFail(serverError));
  bench('markFail() on an open breaker', () => open.markFail());
  bench('markSuccess(latency)', () => closed.markSuccess(120));
  bench('Date.now() alone, for reference', () => do_not_optimize(Date.now()));
});

await run({ format: process.env.BENCH_FORMAT ?? 'mitata' });
