import { CONFORMANCE_CHECKS } from './checks.js';
import type { AdapterConformanceOptions } from './options.js';

/**
 * The test runner's `describe` and `it` (vitest's, or any with the same shape, such as jest's).
 * They are passed in rather than imported so the kit works with any runner and from CommonJS.
 */
export interface TestRunner {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => void, timeoutMs?: number): unknown;
}

/** How long one check may take: the fuzzed ones run hundreds of inputs. */
const CHECK_TIMEOUT_MS = 60_000;

/** Registers the whole suite for `adapter` as one `describe` block with one `it` per check. */
export function runAdapterConformance(options: AdapterConformanceOptions & TestRunner): void {
  options.describe(`${options.adapter.name} adapter conformance`, () => {
    for (const check of CONFORMANCE_CHECKS) options.it(check.name, () => check.run(options), CHECK_TIMEOUT_MS);
  });
}
