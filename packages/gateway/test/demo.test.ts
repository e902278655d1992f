import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** tsup's CLI, from the workspace root (the demo script bundles the simulated providers with it). */
function tsupCli(): string {
  const manifest = createRequire(import.meta.url).resolve('tsup/package.json');
  return join(dirname(manifest), 'dist', 'cli-default.js');
}

describe('npm run demo', () => {
  it('tells the scripted story with the official SDKs against simulated providers and exits 0', { timeout: 90_000 }, async () => {
    if (!existsSync(join(packageDir, 'dist', 'index.js'))) throw new Error('the demo runs against the built packages: run `pnpm build` first');
    await run(process.execPath, [tsupCli(), '--config', 'demo/tsup.config.ts'], { cwd: packageDir, timeout: 60_000 });
    const { stdout } = await run(process.execPath, ['demo/demo.mjs'], { cwd: packageDir, timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });

    expect(stdout).toContain('All providers below are SIMULATED');
    expect(stdout).toMatch(/Anthropic SDK\s+anthropic\s+yes\s+gemini-flash\s+1\s/);
    expect(stdout).toContain('tool call get_weather({"city":"Paris","unit":"celsius"}), finish_reason=tool_calls');
    expect(stdout).toMatch(/OpenAI SDK\s+openai\s+no\s+gemini-flash\s+1\s/);
    expect(stdout).toMatch(/OpenAI SDK\s+openai\s+no\s+cohere-command\s+2\s/);
    expect(stdout).toContain('failover: gemini-flash failed (overloaded) -> cohere-command');
    expect(stdout).toContain('breaker of gemini-flash: OPEN after 2 consecutive failures');
    expect(stdout).toMatch(/Gemini SDK\s+gemini\s+yes\s+cohere-command\s+1\s/);
    expect(stdout).toMatch(/OpenAI SDK\s+openai\s+yes\s+gemini-flash\s+1\s/);
    expect(stdout).toContain('breaker of gemini-flash: closed');
    expect(stdout).toContain('requests          8 (all answered, 10 upstream attempts, 2 failed over)');
    const seconds = Number(/demo finished in ([\d.]+) s/.exec(stdout)?.[1]);
    expect(seconds).toBeLessThan(30);
  });
});
