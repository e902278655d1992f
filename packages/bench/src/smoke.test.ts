import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Run one benchmark script in smoke mode (a few hundred iterations); resolves with its stdout. */
function smoke(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [`bench/${script}`],
      { cwd: packageDir, env: { ...process.env, BENCH_SMOKE: '1' }, timeout: 45_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${script} failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

// The benchmarks run against built packages (dist/), as `pnpm bench` does; CI builds first.
// Timing is never asserted: these runs only prove each benchmark still works end to end.
describe('benchmarks in smoke mode', () => {
  it('the conversion benchmark converts every request and stream pair and prints both 5 x 5 matrices', async () => {
    const out = await smoke('conversion.mjs');
    expect(out).toContain('### Request conversion');
    expect(out).toContain('### Stream conversion');
    expect(out.match(/^\| cohere-v1 \|/gm)).toHaveLength(2);
  });

  it('the overhead benchmark gets correct answers from every target (direct, bare proxy, fluxcore, Portkey, musistudio) and reports the targets', async () => {
    const out = await smoke('overhead.mjs');
    for (const label of ['(a) direct', '(b) bare proxy', '(c) fluxcore', '(d) Portkey 1.15.2', '(e) @musistudio/llms 1.0.53']) expect(out).toContain(label);
    expect(out).toContain('### Time to first streamed byte');
    expect(out).toContain('### Idle open streams');
    expect(out).toContain('### Targets');
  });
});
