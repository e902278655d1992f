import fc from 'fast-check';
import { countProperty } from './tally.js';
import { runEnded, runStarted, watchProperty } from './watchdog.js';

/** One seed for the whole suite, so a CI failure replays exactly: `FUZZ_SEED=<seed>`. */
export const SEED = Number.parseInt(process.env.FUZZ_SEED ?? '20261126', 10);

/** `FUZZ_RUNS_SCALE=10` for a deeper run by hand; CI runs the counts written in the suites. */
const RUNS_SCALE = Number(process.env.FUZZ_RUNS_SCALE ?? '1');

/**
 * Runs of each property checked once per adapter: five adapters make 10,000 runs of the
 * property in every CI run.
 */
export const RUNS_PER_ADAPTER = 2_000;

/** Runs of a property checked once for everything (the framing, split invariance). */
export const RUNS_PER_PROPERTY = 10_000;

/**
 * Longest one run may take. Inputs are at most a few MB, and every parser here is meant to be
 * linear, so a run this slow means super-linear work an attacker could use to stall a worker.
 */
export const RUN_BUDGET_MS = 2_000;

/**
 * Check `property` on `runs` inputs drawn from `arbitrary` with the suite's seed. Each run is
 * timed against {@link RUN_BUDGET_MS} and watched for hangs. On failure fast-check reports the
 * seed, the path and the shrunk counterexample.
 */
export function fuzz<T>(name: string, arbitrary: fc.Arbitrary<T>, property: (input: T) => void, runs: number): void {
  const numRuns = Math.max(1, Math.round(runs * RUNS_SCALE));
  let run = 0;
  watchProperty(name, SEED);
  fc.assert(
    fc.property(arbitrary, (input) => {
      runStarted(run++);
      const started = performance.now();
      try {
        property(input);
      } finally {
        runEnded();
      }
      const elapsed = performance.now() - started;
      if (elapsed > RUN_BUDGET_MS) throw new Error(`one run took ${elapsed.toFixed(0)} ms (budget ${RUN_BUDGET_MS} ms)`);
    }),
    { seed: SEED, numRuns },
  );
  countProperty(numRuns, SEED);
}
