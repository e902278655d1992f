#!/usr/bin/env node
// Release rehearsal: everything `pnpm version-packages` and `pnpm release` do, short of publishing.
//
//  1. copy the repository (tracked files) to a temp dir and install there, offline from the store;
//  2. write a sample changeset and run `pnpm version-packages` (changeset version + install);
//  3. `pnpm pack` each published package, with the dist/ that the repository's build produced
//     (run `pnpm turbo run build` first; CI does, and checks that dist/ with publint and attw);
//  4. check every packed package.json: no `workspace:` range left, each @fluxcore dependency pinned
//     to the version its package has after versioning;
//  5. in an empty project outside the workspace, `npm install` ONLY the tarballs of errors,
//     message, routing, call and openai, then run a request and a stream through them against a
//     tiny local OpenAI-compatible server (node:http on 127.0.0.1).
//
// Nothing is published and the repository is not touched. Prints what it checked; exits non-zero
// on the first failed check.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'fluxcore-release-'));
const repo = join(work, 'repo');
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');
/** The packages a consumer of the OpenAI protocol needs, and nothing else. */
const CONSUMER_PACKAGES = ['errors', 'message', 'routing', 'call', 'openai'];
/** The sample changeset: a minor bump of routing, which call (and gateway) depend on. */
const SAMPLE_BUMP = { pkg: 'routing', type: 'minor', summary: 'Release rehearsal: a sample minor change to routing.' };
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' };
const started = Date.now();

function sh(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

function step(text) {
  console.log(`release rehearsal: ${text} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** The published packages of the copy: directory name -> package.json. */
function publishedPackages() {
  const out = new Map();
  for (const dir of readdirSync(join(repo, 'packages'))) {
    const manifest = join(repo, 'packages', dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = readJson(manifest);
    if (!pkg.private) out.set(dir, pkg);
  }
  return out;
}

function copyRepository() {
  const files = sh('git', ['ls-files', '-z'], root).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(root, file))) continue; // deleted in the work tree, not yet committed
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    cpSync(join(root, file), join(repo, file));
  }
  return files.length;
}

/** The built dist/ of each published package (its contents do not depend on the version). */
function copyBuilds(dirs) {
  for (const dir of dirs) {
    const dist = join(root, 'packages', dir, 'dist');
    assert.ok(existsSync(dist), `packages/${dir}/dist is missing: run \`pnpm turbo run build\` first`);
    cpSync(dist, join(repo, 'packages', dir, 'dist'), { recursive: true });
  }
}

function writeSampleChangeset() {
  writeFileSync(
    join(repo, '.changeset', 'release-rehearsal-sample.md'),
    `---\n"@fluxcore/${SAMPLE_BUMP.pkg}": ${SAMPLE_BUMP.type}\n---\n\n${SAMPLE_BUMP.summary}\n`,
  );
}

/** Every @fluxcore dependency of a packed manifest must be the exact version of that package now. */
function checkPackedManifest(file, versions) {
  const dir = join(work, 'unpacked', file);
  mkdirSync(dir, { recursive: true });
  sh('tar', ['-xzf', join(tarballs, file), '-C', dir, 'package/package.json'], work);
  const pkg = readJson(join(dir, 'package', 'package.json'));
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      assert.ok(!String(range).startsWith('workspace:'), `${pkg.name}: ${field}.${name} is still "${range}" in the tarball`);
      if (versions.has(name)) assert.equal(range, versions.get(name), `${pkg.name}: ${field}.${name} should be ${versions.get(name)}`);
    }
  }
  return pkg;
}

/** The consumer: one endpoint on a local OpenAI-compatible server, a request and a stream. */
const CONSUMER_PROGRAM = String.raw`
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { closePool, request, requestStream } from '@fluxcore/call';
import { openai } from '@fluxcore/openai';
import { Endpoint, EndpointPool } from '@fluxcore/routing';

const answer = 'Hello from the local OpenAI-compatible server.';
const server = createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk) => (raw += chunk));
  req.on('end', () => {
    assert.equal(req.url, '/v1/chat/completions');
    assert.equal(req.headers.authorization, 'Bearer sk-rehearsal-0001');
    const body = JSON.parse(raw);
    const usage = { prompt_tokens: 9, completion_tokens: 8, total_tokens: 17 };
    const base = { id: 'chatcmpl-rehearsal', created: 1770000000, model: body.model };
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...base, object: 'chat.completion', usage,
        choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }] }));
      return;
    }
    const chunk = (choices, extra = {}) => 'data: ' + JSON.stringify({ ...base, object: 'chat.completion.chunk', choices, ...extra }) + '\n\n';
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
    for (const word of answer.split(/(?= )/)) res.write(chunk([{ index: 0, delta: { content: word }, finish_reason: null }]));
    res.write(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
    res.write(chunk([], { usage }));
    res.end('data: [DONE]\n\n');
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseURL = 'http://127.0.0.1:' + server.address().port;
const pool = new EndpointPool([
  new Endpoint({ id: 'local', key: { baseURL, apiKey: 'sk-rehearsal-0001', protocol: openai }, model: 'local-model', inputPrice: 1, outputPrice: 2 }),
]);
const question = { model: 'any', messages: [{ role: 'user', content: 'Hi' }] };

const res = await request(pool, question, openai, { signal: AbortSignal.timeout(10_000) });
assert.equal(res.body.choices[0].message.content, answer);
assert.equal(res.endpoint.id, 'local');
assert.deepEqual([res.usage.inputTokens, res.usage.outputTokens, res.usage.isAccurate], [9, 8, true]);
assert.equal(res.usage.cost, (9 * 1 + 8 * 2) / 1e6);

const stream = await requestStream(pool, { ...question, stream: true }, openai, { signal: AbortSignal.timeout(10_000) });
let text = '';
for await (const wire of stream) {
  for (const line of wire.split('\n')) {
    if (!line.startsWith('data: {')) continue;
    text += JSON.parse(line.slice(6)).choices[0]?.delta?.content ?? '';
  }
}
assert.equal(text, answer);
assert.equal((await stream.usage).outputTokens, 8);

await closePool(pool);
server.close();
console.log('consumer: request and requestStream answered through the installed tarballs');
`;

function runConsumer(tarballOf) {
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'release-rehearsal-consumer', private: true, version: '0.0.0', type: 'module' }, null, 2));
  writeFileSync(join(app, 'index.mjs'), CONSUMER_PROGRAM);
  sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...CONSUMER_PACKAGES.map(tarballOf)], app);
  sh('npm', ['ls', '--all'], app); // exits non-zero on a missing or invalid dependency
  const installed = readdirSync(join(app, 'node_modules', '@fluxcore')).sort();
  assert.deepEqual(installed, [...CONSUMER_PACKAGES].sort(), `the consumer should have only ${CONSUMER_PACKAGES.join(', ')}`);
  process.stdout.write(sh(process.execPath, ['index.mjs'], app));
  return installed;
}

try {
  const copied = copyRepository();
  step(`copied ${copied} tracked files to ${repo}`);
  sh('pnpm', ['install', '--frozen-lockfile', '--offline', '--reporter=silent'], repo);
  const before = new Map([...publishedPackages()].map(([dir, pkg]) => [dir, pkg.version]));

  writeSampleChangeset();
  sh('pnpm', ['run', 'version-packages'], repo);
  const after = publishedPackages();
  const versions = new Map([...after.values()].map((pkg) => [pkg.name, pkg.version]));
  const bumps = [...after].map(([dir, pkg]) => `${pkg.name} ${before.get(dir)} -> ${pkg.version}`);
  step(`pnpm version-packages: ${bumps.join(', ')}`);
  assert.notEqual(after.get(SAMPLE_BUMP.pkg).version, before.get(SAMPLE_BUMP.pkg), 'the sample changeset did not bump its package');
  assert.ok(
    readFileSync(join(repo, 'packages', SAMPLE_BUMP.pkg, 'CHANGELOG.md'), 'utf8').includes(SAMPLE_BUMP.summary),
    'the changelog lacks the sample entry',
  );
  assert.ok(!existsSync(join(repo, '.changeset', 'release-rehearsal-sample.md')), 'changeset version left the sample changeset behind');

  copyBuilds(after.keys());
  for (const dir of after.keys()) sh('pnpm', ['pack', '--pack-destination', tarballs], join(repo, 'packages', dir));
  const files = readdirSync(tarballs);
  for (const file of files) checkPackedManifest(file, versions);
  step(`packed ${files.length} packages; no workspace: range left, internal dependencies pinned to the new versions`);

  const tarballOf = (dir) => {
    const { name, version } = after.get(dir);
    const file = `${name.slice(1).replace('/', '-')}-${version}.tgz`;
    assert.ok(files.includes(file), `no tarball ${file}`);
    return join(tarballs, file);
  };
  const installed = runConsumer(tarballOf);
  step(`an empty project with only ${installed.map((d) => `@fluxcore/${d}`).join(', ')} (no other adapter) ran a request and a stream`);
  console.log('release rehearsal: ok (nothing was published)');
} finally {
  rmSync(work, { recursive: true, force: true });
}
