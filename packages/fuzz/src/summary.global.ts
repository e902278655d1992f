import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { FileTally } from './tally.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where each fuzz test file writes how many properties and runs it checked. */
    fuzzTallyDir: string;
  }
}

/**
 * Global setup of the fuzz project: hands each test file a directory for its tally, and
 * prints the totals once every file is done (the suite's result, as CI shows it).
 */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'fluxcore-fuzz-'));
  project.provide('fuzzTallyDir', dir);
  const started = Date.now();
  return () => {
    const files = readdirSync(dir).map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as FileTally);
    rmSync(dir, { recursive: true, force: true });
    if (files.length === 0) return;
    const lines = files
      .sort((a, b) => a.file.localeCompare(b.file))
      .map((tally) => `  ${tally.file.padEnd(28)} ${String(tally.properties).padStart(3)} properties ${tally.runs.toLocaleString('en-US').padStart(9)} runs`);
    const properties = files.reduce((sum, tally) => sum + tally.properties, 0);
    const runs = files.reduce((sum, tally) => sum + tally.runs, 0);
    const seeds = [...new Set(files.map((tally) => tally.seed))].join(', ');
    console.log(
      [
        '',
        `[fuzz] ${properties} properties, ${runs.toLocaleString('en-US')} runs, seed ${seeds}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
        ...lines,
        '',
      ].join('\n'),
    );
  };
}
