import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startUpstream, openaiSimulator, type Upstream } from '@fluxcore/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../src/cli-run.js';

const dir = mkdtempSync(join(tmpdir(), 'fluxcore-cli-'));
let upstream: Upstream;

beforeAll(async () => {
  upstream = await startUpstream({ simulator: openaiSimulator!, apiKey: 'sim-cli-key-0001' });
  writeFileSync(
    join(dir, 'good.json'),
    JSON.stringify({
      listen: { port: 1 },
      keys: { sim: { protocol: 'openai', baseURL: upstream.url, apiKey: '${SIM_KEY}' } },
      endpoints: { sim: { key: 'sim', inputPrice: 1, outputPrice: 2 } },
      models: { 'gpt-sim': { endpoints: ['sim'] } },
    }),
  );
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ keys: {}, endpoints: { e: { key: 'k' } }, models: {} }));
  const yaml = `keys:\n  sim: { protocol: openai, baseURL: "${upstream.url}", apiKey: "\${SIM_KEY}" }\nendpoints:\n  sim: { key: sim, inputPrice: 1, outputPrice: 2 }\nmodels:\n  gpt-sim: { endpoints: [sim] }\n`;
  writeFileSync(join(dir, 'good.yaml'), yaml);
  writeFileSync(join(dir, 'broken.yml'), 'keys:\n  sim: {}\n keys: {}\n');
  mkdirSync(join(dir, 'yaml-only'));
  writeFileSync(join(dir, 'yaml-only', 'fluxcore.config.yaml'), yaml);
});
afterAll(async () => {
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});

const sink = new Writable({ write: (_chunk, _encoding, done) => done() });

function io(env: Record<string, string> = {}): CliIo & { err: () => string } {
  let text = '';
  return { env, cwd: dir, stderr: { write: (s: string) => (text += s) }, log: sink, err: () => text };
}

describe('fluxcore-gateway', () => {
  it('prints its usage with --help', async () => {
    const cli = io();
    expect(await runCli(['--help'], cli)).toEqual({ exitCode: 0 });
    expect(cli.err()).toContain('Usage: fluxcore-gateway [--config FILE] [--port N]');
  });

  it('exits 2 on an unknown flag or a bad port', async () => {
    const cli = io();
    expect(await runCli(['--bogus'], cli)).toEqual({ exitCode: 2 });
    expect(cli.err()).toContain("Unknown option '--bogus'");
    expect(await runCli(['--port', 'eighty'], io())).toEqual({ exitCode: 2 });
  });

  it('exits 1 naming the file and every JSON path when the config is invalid', async () => {
    const cli = io();
    expect(await runCli(['--config', 'bad.json'], cli)).toEqual({ exitCode: 1 });
    expect(cli.err()).toContain(`invalid gateway config ${join(dir, 'bad.json')}`);
    expect(cli.err()).toContain('endpoints.e.key: unknown key "k"');
    expect(cli.err()).toContain('endpoints.e.inputPrice: expected a number >= 0, got nothing');
  });

  it('exits 1 when the config file does not exist, or names a variable that is not set', async () => {
    const missing = io();
    expect(await runCli(['-c', 'nope.json'], missing)).toEqual({ exitCode: 1 });
    expect(missing.err()).toContain('file not found');
    const unset = io();
    expect(await runCli(['-c', 'good.json', '--check'], unset)).toEqual({ exitCode: 1 });
    expect(unset.err()).toContain('keys.sim.apiKey: environment variable SIM_KEY is not set');
  });

  it('validates without starting with --check', async () => {
    const cli = io({ SIM_KEY: 'sim-cli-key-0001' });
    expect(await runCli(['-c', 'good.json', '--check'], cli)).toEqual({ exitCode: 0 });
    expect(cli.err()).toContain('good.json: OK (1 models, 1 endpoints)');
  });

  it('reads a YAML config named by --config, and ./fluxcore.config.yaml when no config is named', async () => {
    const named = io({ SIM_KEY: 'sim-cli-key-0001' });
    expect(await runCli(['-c', 'good.yaml', '--check'], named)).toEqual({ exitCode: 0 });
    expect(named.err()).toContain('good.yaml: OK (1 models, 1 endpoints)');
    const found = { ...io({ SIM_KEY: 'sim-cli-key-0001' }), cwd: join(dir, 'yaml-only') };
    expect(await runCli(['--check'], found)).toEqual({ exitCode: 0 });
    expect(found.err()).toContain('fluxcore.config.yaml: OK (1 models, 1 endpoints)');
  });

  it('exits 1 naming the file, line and column of a YAML syntax error', async () => {
    const cli = io();
    expect(await runCli(['--config', 'broken.yml'], cli)).toEqual({ exitCode: 1 });
    expect(cli.err()).toContain(`invalid gateway config ${join(dir, 'broken.yml')}:\n  - (document): not valid YAML: `);
    expect(cli.err()).toContain('All mapping items must start at the same column (line 3, column 1)');
  });

  it('exits 1 listing the variables it looked for when there is neither a config nor a provider key', async () => {
    const cli = io();
    expect(await runCli([], cli)).toEqual({ exitCode: 1 });
    expect(cli.err()).toContain('none of OPENAI_API_KEY, ANTHROPIC_API_KEY');
  });

  it('starts from the config file with --port overriding listen.port, and serves requests', async () => {
    const cli = io({ SIM_KEY: 'sim-cli-key-0001' });
    const result = await runCli(['--config', 'good.json', '--port', '0', '--host', '127.0.0.1'], cli);
    if (result.gateway === undefined) throw new Error(cli.err());
    try {
      expect(cli.err()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+ \(config: good\.json; models: gpt-sim\)/);
      const res = await fetch(`${result.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-sim', messages: [{ role: 'user', content: 'Hi' }] }),
      });
      expect(res.status).toBe(200);
    } finally {
      await result.gateway.shutdown({ graceMs: 0 });
    }
  });

  it('builds its config from the provider keys in the environment when there is no file', async () => {
    const cli = io({ OPENAI_API_KEY: 'sk-env-test-0000000000', FLUXCORE_GATEWAY_KEYS: 'gw-env-1' });
    const result = await runCli(['-p', '0'], cli);
    if (result.gateway === undefined) throw new Error(cli.err());
    try {
      expect(cli.err()).toContain('(config: environment; models: auto, gpt-4.1-mini)');
      expect((await fetch(`${result.url}/v1/models`)).status).toBe(401);
      expect((await fetch(`${result.url}/v1/models`, { headers: { authorization: 'Bearer gw-env-1' } })).status).toBe(200);
    } finally {
      await result.gateway.shutdown({ graceMs: 0 });
    }
  });
});
