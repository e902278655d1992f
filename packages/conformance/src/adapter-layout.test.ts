import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// CONTRIBUTING.md ("One layout for every adapter") is the contract; this test keeps the folders to it.
const packages = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const LAYOUT = [
  'adapter.ts',
  'parse-request.ts',
  'build-request.ts',
  'parse-response.ts',
  'format-response.ts',
  'stream-decoder.ts',
  'stream-encoder.ts',
  'finish-reason.ts',
  'errors.ts',
  'usage.ts',
];

/** Each adapter folder, and where the files it shares with a sibling version live. */
const ADAPTERS: { folder: string; shared?: string }[] = [
  { folder: 'openai/src' },
  { folder: 'anthropic/src' },
  { folder: 'gemini/src' },
  { folder: 'cohere/src/v2', shared: 'cohere/src/shared' },
  { folder: 'cohere/src/v1', shared: 'cohere/src/shared' },
];

describe.each(ADAPTERS)('the adapter in packages/$folder', ({ folder, shared }) => {
  it.each(LAYOUT)('has %s (in its folder or the shared one)', (file) => {
    const found = [folder, shared].some((dir) => dir !== undefined && existsSync(join(packages, dir, file)));
    expect(found).toBe(true);
  });

  it('defines no wire readers of its own (isObject comes from @fluxcore/message)', () => {
    for (const dir of [folder, shared]) {
      if (dir === undefined) continue;
      for (const file of readdirSync(join(packages, dir)).filter((name) => name.endsWith('.ts'))) {
        expect(readFileSync(join(packages, dir, file), 'utf8'), file).not.toMatch(/function isObject\(/);
      }
    }
  });
});
