// Run a set of in-process benchmarks with mitata, or, with BENCH_SMOKE=1, only call each one a
// hundred times (so CI proves the benchmark still runs without spending time on it).
import { do_not_optimize, measure as mitataMeasure } from 'mitata';

export const SMOKE = process.env.BENCH_SMOKE === '1';
const SMOKE_ITERATIONS = Number(process.env.BENCH_SMOKE_ITERATIONS ?? 100);

/**
 * Measure each case; resolves with the median time per call in nanoseconds, by name.
 * @param {Array<{ name: string, fn: () => unknown }>} cases
 */
export async function measure(cases) {
  if (SMOKE) {
    const out = new Map();
    for (const { name, fn } of cases) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < SMOKE_ITERATIONS; i++) do_not_optimize(fn());
      out.set(name, Number(process.hrtime.bigint() - started) / SMOKE_ITERATIONS);
    }
    return out;
  }
  const out = new Map();
  for (const { name, fn } of cases) {
    const stats = await mitataMeasure(() => do_not_optimize(fn()));
    out.set(name, stats.p50);
    process.stderr.write(`  ${name}: ${(stats.p50 / 1000).toFixed(2)} µs\n`);
  }
  return out;
}

/** A markdown table. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
