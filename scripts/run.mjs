#!/usr/bin/env node
// Entry point of `npm test` and `npm run demo`: works on a fresh machine that has only Node and
// npm. It gets pnpm (the pinned version, installed under .tools/ without root when missing),
// installs dependencies, builds, then runs the job.
//
//   node scripts/run.mjs test   install, build, run every test; print "N passed, N failed, N skipped"
//   node scripts/run.mjs demo   install, build, run the demo
//
// FLUX_TEST_NODES=20,22,24 runs the suite under each Node major (the others are fetched with
// `npx -y node@<major>`); the summary line then adds up every run. The fuzz suite runs its full
// counts (>= 10,000 runs per property) on the current Node and a tenth of them on the others,
// which check compatibility rather than hunt for new inputs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };

function log(message) {
  console.log(`\x1b[2m[fluxcore]\x1b[0m ${message}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function must(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`[fluxcore] failed (${status}): ${command} ${args.join(' ')}`);
    process.exit(status);
  }
}

function versionOf(pnpmBin) {
  try {
    return execFileSync(pnpmBin, ['--version'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Put the pinned pnpm on PATH: the one already installed, or a private copy under .tools/. */
function ensurePnpm() {
  if (versionOf('pnpm') === pnpmVersion) return;
  const toolsDir = join(root, '.tools', 'pnpm');
  const binDir = join(toolsDir, 'node_modules', '.bin');
  if (versionOf(join(binDir, 'pnpm')) !== pnpmVersion) {
    log(`installing pnpm ${pnpmVersion} into .tools/ (no root needed)`);
    must('npm', ['install', '--prefix', toolsDir, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `pnpm@${pnpmVersion}`]);
  }
  env.PATH = `${binDir}${delimiter}${env.PATH}`;
}

function installAndBuild() {
  ensurePnpm();
  log('installing dependencies');
  must('pnpm', ['install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent']);
  log('building packages');
  must('pnpm', ['turbo', 'run', 'build', '--output-logs=errors-only']);
}

/** Run the vitest suite under one Node; returns its counts from vitest's JSON report. */
function runSuite(nodeMajor) {
  const report = join(root, `.ci-vitest${nodeMajor ? `-${nodeMajor}` : ''}.json`);
  rmSync(report, { force: true });
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const vitestArgs = [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  const status = nodeMajor
    ? run('npx', ['-y', `node@${nodeMajor}`, ...vitestArgs], { env: { FUZZ_RUNS_SCALE: '0.1', ...env } })
    : run(process.execPath, vitestArgs);
  if (!existsSync(report)) return { passed: 0, failed: 1, skipped: 0, status: status || 1 };
  const r = JSON.parse(readFileSync(report, 'utf8'));
  // A run that fails outside any test (a config error, an unhandled error) still counts as a failure.
  const failed = Math.max(r.numFailedTests, status === 0 ? 0 : 1);
  return { passed: r.numPassedTests, failed, skipped: r.numPendingTests + r.numTodoTests, status };
}

function test() {
  installAndBuild();
  const majors = (process.env.FLUX_TEST_NODES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const runs = [];
  const current = process.versions.node.split('.')[0];
  if (majors.length === 0 || majors.includes(current)) {
    log(`running the test suite on Node ${process.versions.node}`);
    runs.push({ label: `node ${current}`, ...runSuite() });
  }
  for (const major of majors.filter((m) => m !== current)) {
    log(`running the test suite on Node ${major} (npx -y node@${major})`);
    runs.push({ label: `node ${major}`, ...runSuite(major) });
  }
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const r of runs) {
    if (runs.length > 1) log(`${r.label}: ${r.passed} ok, ${r.failed} failing, ${r.skipped} skipped (exit ${r.status})`);
    total.passed += r.passed;
    total.failed += r.failed;
    total.skipped += r.skipped;
  }
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(runs.every((r) => r.status === 0) && total.failed === 0 ? 0 : 1);
}

function demo() {
  installAndBuild();
  const demoScript = existsSync(join(root, 'packages', 'gateway', 'demo', 'demo.mjs'))
    ? ['--filter', '@fluxcore/gateway', 'run', 'demo']
    : ['--filter', '@fluxcore-examples/basic', 'start'];
  process.exit(run('pnpm', demoScript));
}

const job = process.argv[2];
if (job === 'test') test();
else if (job === 'demo') demo();
else {
  console.error('usage: node scripts/run.mjs test|demo');
  process.exit(2);
}
