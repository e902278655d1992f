import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

/** What one test file checked, written for the global summary. */
export interface FileTally {
  file: string;
  properties: number;
  runs: number;
  seed: number;
}

const counted = { properties: 0, runs: 0, seed: 0 };

/** Count one property that passed after `runs` runs. */
export function countProperty(runs: number, seed: number): void {
  counted.properties++;
  counted.runs += runs;
  counted.seed = seed;
}

/** Write this file's counts where the global setup collects them (call from `afterAll` with `import.meta.url`). */
export function writeTally(testFileUrl: string): void {
  const file = basename(fileURLToPath(testFileUrl));
  const tally: FileTally = { file, ...counted };
  writeFileSync(join(inject('fuzzTallyDir'), `${file}.json`), JSON.stringify(tally));
}
