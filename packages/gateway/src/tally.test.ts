import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { TallyCounter, TallyHistogram } from './tally.js';

const BUCKETS = [0.0001, 0.001, 0.01, 0.1];
const observations: Array<[string, string, number]> = [
  ['/v1/chat/completions', 'cheap', 0.00004],
  ['/v1/messages', 'cheap', 0.0031],
  ['/v1/chat/completions', 'dear', 0.0001],
  ['/v1/chat/completions', 'cheap', 0.52],
  ['/v1/chat/completions', 'cheap', 0.0007],
  ['/v1/messages', 'cheap', 0.0031],
];

/** The same metrics through prom-client itself and through the tallies, in two registries. */
function both(): { plain: Registry; tallied: Registry } {
  const plain = new Registry();
  const tallied = new Registry();
  const config = { name: 'x_seconds', help: 'Some "quoted" help\\text.', labelNames: ['route', 'endpoint'] as const };
  const counterConfig = { name: 'x_total', help: 'Counted.', labelNames: ['route', 'endpoint', 'status'] as const };
  const histogram = new Histogram({ ...config, buckets: BUCKETS, registers: [plain] });
  const tally = new TallyHistogram({ ...config, buckets: BUCKETS, registers: [tallied] });
  const counter = new Counter({ ...counterConfig, registers: [plain] });
  const tallyCounter = new TallyCounter({ ...counterConfig, registers: [tallied] });
  for (const [route, endpoint, seconds] of observations) {
    histogram.labels(route, endpoint).observe(seconds);
    tally.record(`${route} ${endpoint}`, () => ({ route, endpoint }), seconds);
    counter.labels(route, endpoint, '200').inc(seconds * 1000);
    tallyCounter.add(`${route} ${endpoint}`, () => ({ route, endpoint, status: '200' }), seconds * 1000);
  }
  return { plain, tallied };
}

describe('tallies', () => {
  it('render the exposition prom-client renders for the same observations, byte for byte', async () => {
    const { plain, tallied } = both();
    const text = await tallied.metrics();
    expect(text).toBe(await plain.metrics());
    expect(text).toContain('x_seconds_bucket{le="0.001",route="/v1/chat/completions",endpoint="cheap"} 2');
  });

  it('give the same JSON as prom-client', async () => {
    const { plain, tallied } = both();
    expect(await tallied.getMetricsAsJSON()).toEqual(await plain.getMetricsAsJSON());
  });

  it('render the same again at a second scrape, and keep counting in between', async () => {
    const { plain, tallied } = both();
    await tallied.metrics();
    expect(await tallied.metrics()).toBe(await plain.metrics());
  });

  it('start over when the registry resets its metrics', async () => {
    const { tallied } = both();
    tallied.resetMetrics();
    expect(await tallied.metrics()).not.toContain('route=');
  });
});
