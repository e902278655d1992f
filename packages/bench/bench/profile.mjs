// CPU profile of @fluxcore/gateway under load: starts the simulated upstream and the gateway
// with `node --cpu-prof`, drives it with autocannon, then prints where the gateway's CPU went
// (self time by function and by package) and the gateway's CPU time per request.
//
//   node bench/profile.mjs [openai|anthropic] [stream] [bare] [seconds]
//
// `bare` profiles the bare proxy (b) instead, for comparison (OpenAI requests only).
// The raw .cpuprofile stays in .bench-results/ for Chrome DevTools or speedscope.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { clientBody, CHAT_REQUEST } from './lib/fixtures.mjs';
import { load } from './lib/load.mjs';
import { forkServer } from './lib/processes.mjs';
import { table } from './lib/runner.mjs';

const protocol = process.argv[2] ?? 'openai';
const stream = process.argv.includes('stream');
const seconds = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 8);
const dir = new URL('../.bench-results/profile/', import.meta.url).pathname;
rmSync(dir, { recursive: true, force: true });

const here = (path) => new URL(path, import.meta.url).pathname;
const upstream = await forkServer('upstream', here('./servers/upstream.mjs'));
const bare = process.argv.includes('bare');
const gateway = await forkServer(bare ? 'bare proxy' : 'fluxcore', here(bare ? './servers/bare-proxy.mjs' : './servers/fluxcore.mjs'), {
  env: { UPSTREAM_URL: upstream.url },
  execArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
});

const request =
  protocol === 'openai'
    ? { url: `${gateway.url}/v1/chat/completions`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...CHAT_REQUEST, stream }) }
    : {
        url: `${gateway.url}/v1/messages`,
        headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ ...clientBody('anthropic'), model: 'gpt-mock', stream }),
      };

await load({ ...request, connections: 50, seconds: 1 });
const cpuBefore = cpuTimeMs(gateway.child.pid);
const result = await load({ ...request, connections: 50, seconds });
const cpuMs = cpuTimeMs(gateway.child.pid) - cpuBefore;
gateway.child.disconnect();
await once(gateway.child, 'exit');
await upstream.stop();

const cpuPerRequest = ((cpuMs * 1000) / result.ok).toFixed(0);
const target = `${bare ? 'bare proxy, ' : ''}${protocol}${stream ? ' stream' : ''}`;
console.log(`${target}: ${Math.round(result.rps)} req/s at 50 connections; server CPU ${cpuPerRequest} µs per request\n`);
const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
summarise(JSON.parse(readFileSync(dir + file, 'utf8')));
console.log(`\nprofile: ${dir}${file}`);

/** User + system CPU time of a process so far, from /proc (clock ticks of 10 ms). */
function cpuTimeMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Self time by function (top 30) and by package. */
function summarise(profile) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const counts = new Map();
  for (const sample of profile.samples) counts.set(sample, (counts.get(sample) ?? 0) + 1);
  const total = profile.samples.length;
  const byPackage = new Map();
  for (const [id, count] of counts) {
    const { callFrame } = byId.get(id);
    const where = `${callFrame.functionName || '(anonymous)'} ${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}`;
    self.set(where, (self.get(where) ?? 0) + count);
    const owner = packageOf(callFrame);
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + count);
  }
  const pct = (count) => `${((count / total) * 100).toFixed(1)}%`;
  const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(
    table(
      ['package', 'self'],
      top(byPackage, 20).map(([name, count]) => [name, pct(count)]),
    ),
  );
  console.log();
  console.log(
    table(
      ['function', 'self'],
      top(self, 30).map(([name, count]) => [name.replaceAll('|', '/'), pct(count)]),
    ),
  );
}

function shortUrl(url) {
  return url
    .replace(/^file:\/\//, '')
    .replace(/.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
    .replace(/.*\/packages\//, '');
}

function packageOf({ url, functionName }) {
  if (url === '') return functionName === '(garbage collector)' ? '(gc)' : functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node core';
  const pnpm = /\/node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pnpm) return pnpm[1];
  const ours = /\/packages\/([^/]+)\//.exec(url);
  return ours ? `@fluxcore/${ours[1]}` : url;
}
