import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KNOWN_GAPS, OUTBOUND_DROPS, OUTBOUND_REFUSALS } from './cells.js';
import { PROTOCOLS } from './protocols.js';
import { REQUESTS, isInexpressible } from './requests/all.js';
import { SCENARIO_NAMES } from './scenarios.js';
import { matrixCounts, matrixMarkdown } from './table.js';

/** This package's README and every adapter's carry the same table. */
const READMES = ['../../README.md', ...['openai', 'anthropic', 'gemini', 'cohere'].map((pkg) => `../../../${pkg}/README.md`)].map(
  (path) => new URL(path, import.meta.url),
);
const START = '<!-- matrix:start -->';
const END = '<!-- matrix:end -->';

describe('the matrix table', () => {
  it('in the READMEs (this package and every adapter) is the one the tests run (UPDATE_MATRIX=1 rewrites them)', () => {
    const table = matrixMarkdown();
    const counts = matrixCounts();
    console.log(`${table.split('\n\n')[0]}\n\npairs x scenarios: ${counts.pass} pass, ${counts.unsupported} unsupported, ${counts.gap} known gaps`);
    const block = `${START}\n${table}\n${END}`;
    for (const readmePath of READMES) {
      const readme = readFileSync(readmePath, 'utf8');
      expect(readme.includes(START) && readme.includes(END), `${readmePath.pathname} has the matrix markers`).toBe(true);
      const current = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
      if (process.env.UPDATE_MATRIX === '1' && current !== block) writeFileSync(readmePath, readme.replace(current, block));
      else expect(current, readmePath.pathname).toBe(block);
    }
  });

  it('lists only notes that apply to some cell', () => {
    const names = new Set(PROTOCOLS.map((p) => p.name));
    for (const note of [...OUTBOUND_REFUSALS, ...OUTBOUND_DROPS, ...KNOWN_GAPS]) {
      expect(SCENARIO_NAMES).toContain(note.scenario);
      if (note.inbound !== undefined) {
        expect(names.has(note.inbound)).toBe(true);
        expect(isInexpressible(REQUESTS[note.inbound][note.scenario]), 'a note on a request the client cannot write is dead').toBe(false);
      }
      if (note.outbound !== undefined) expect(names.has(note.outbound)).toBe(true);
    }
  });
});
