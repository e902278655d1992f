import { Worker } from 'node:worker_threads';

/**
 * Parsers run synchronously, so a run that loops forever cannot be interrupted from the
 * thread it blocks. A watchdog thread reads the start time of the current run from shared
 * memory; when one run exceeds the limit it names the property, seed and run on stderr and
 * kills the process, turning a hang into a failed CI job with a reproduction.
 */

/** A run this long is a hang: far beyond the per-run budget checked in the property itself. */
export const HANG_LIMIT_MS = 20_000;

const STATE = 0;
const STARTED_AT = 1;
const RUN = 2;

const WATCHDOG_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const slots = new Int32Array(workerData.shared);
let current = { name: '(none)', seed: 0 };
parentPort.on('message', (message) => { current = message; });
setInterval(() => {
  if (Atomics.load(slots, 0) !== 1) return;
  const elapsed = (Date.now() - workerData.base) - Atomics.load(slots, 1);
  if (elapsed < workerData.limit) return;
  const run = 'property "' + current.name + '" run #' + Atomics.load(slots, 2) + ' has run for ' + elapsed + ' ms';
  writeSync(2, '\\n[fuzz] HANG: ' + run + ' (seed ' + current.seed + ', reproduce with FUZZ_SEED=' + current.seed + ')\\n');
  process.kill(process.pid, 'SIGKILL');
}, 250);
`;

const base = Date.now();
const shared = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
const slots = new Int32Array(shared);
let worker: Worker | undefined;

function ensureWorker(): Worker {
  if (worker === undefined) {
    worker = new Worker(WATCHDOG_SOURCE, { eval: true, workerData: { shared, base, limit: HANG_LIMIT_MS } });
    worker.unref();
  }
  return worker;
}

/** A property begins: the watchdog will name it if one of its runs hangs. */
export function watchProperty(name: string, seed: number): void {
  ensureWorker().postMessage({ name, seed });
}

/** A run begins. */
export function runStarted(run: number): void {
  Atomics.store(slots, RUN, run);
  Atomics.store(slots, STARTED_AT, Date.now() - base);
  Atomics.store(slots, STATE, 1);
}

/** The run returned (or threw). */
export function runEnded(): void {
  Atomics.store(slots, STATE, 0);
}

/** Stop the watchdog thread (after the last property of a file). */
export async function stopWatchdog(): Promise<void> {
  const running = worker;
  worker = undefined;
  if (running !== undefined) await running.terminate();
}
