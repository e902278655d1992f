// Gateway overhead, side by side in one run, every server in its own process on 127.0.0.1,
// all against the same simulated OpenAI upstream that answers at once:
//   (a) direct to the upstream           (b) a bare node:http + undici proxy (servers/bare-proxy.mjs)
//   (c) @fluxcore/gateway (built dist)    (d) Portkey gateway 1.15.2      (e) @musistudio/llms 1.0.53
// Same-protocol (OpenAI client -> OpenAI upstream: a, b, c, d) and converting (Anthropic client
// -> OpenAI upstream: c, e, next to a and b with the OpenAI request), complete and streamed
// (200 events), at 50 connections and at 1. Then the streaming probes: added time to first
// byte, and memory per idle open stream with 1,000 streams open.
//
// Env: BENCH_RUNS (default 2), BENCH_SECONDS per measurement (default 5), BENCH_SMOKE=1 (a few
// hundred requests each, one run: proves it works, measures nothing).
// Run after `pnpm build`: `pnpm --filter @fluxcore/bench bench:overhead`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { clientBody, CHAT_REQUEST } from './lib/fixtures.mjs';
import { load, openIdleStreams, post, timeToFirstByte } from './lib/load.mjs';
import { forkServer, freePort, spawnServer } from './lib/processes.mjs';
import { table } from './lib/runner.mjs';

const SMOKE = process.env.BENCH_SMOKE === '1';
const RUNS = SMOKE ? 1 : Number(process.env.BENCH_RUNS ?? 2);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = 1;
/** Smoke runs: enough requests to pass through every code path, at 50 and at 1 connection. */
const SMOKE_REQUESTS = { 50: 100, 1: 10 };
const TTFB_REQUESTS = SMOKE ? 5 : 200;
const IDLE_STREAMS = SMOKE ? 50 : 1_000;

const deadline = setTimeout(() => {
  console.error('overhead benchmark: over its 20-minute bound, stopping');
  process.exit(1);
}, 20 * 60_000);
deadline.unref();

const here = (path) => new URL(path, import.meta.url).pathname;
const require = (await import('node:module')).createRequire(import.meta.url);

// ---------------------------------------------------------------- servers

const upstream = await forkServer('upstream', here('./servers/upstream.mjs'));
const env = { UPSTREAM_URL: upstream.url };
const gcArgs = ['--expose-gc'];
const bare = await forkServer('bare proxy', here('./servers/bare-proxy.mjs'), { env, execArgv: gcArgs });
const fluxcore = await forkServer('fluxcore', here('./servers/fluxcore.mjs'), { env, execArgv: gcArgs });
const portkeyPort = await freePort();
const portkey = await spawnServer(
  'portkey',
  [require.resolve('@portkey-ai/gateway/build/start-server.js'), `--port=${portkeyPort}`, '--headless'],
  portkeyPort,
  {
    env: { NODE_ENV: 'production' },
  },
);
const musistudio = await forkServer('musistudio', here('./servers/musistudio.cjs'), { env: { ...env, PORT: String(await freePort()) } });

// ---------------------------------------------------------------- what is measured

const json = { 'content-type': 'application/json' };
const openaiHeaders = { ...json, authorization: 'Bearer sk-bench-client' };
const anthropicHeaders = { ...json, 'x-api-key': 'sk-bench-client', 'anthropic-version': '2023-06-01' };

const openaiBody = (stream) => JSON.stringify({ ...CHAT_REQUEST, stream });
const anthropicBody = (stream, model = 'gpt-mock') => JSON.stringify({ ...clientBody('anthropic'), model, stream });

/** Each target: how a client reaches it, per client protocol. */
const TARGETS = {
  a: { label: '(a) direct', server: upstream, openai: { path: '/v1/chat/completions', headers: openaiHeaders } },
  b: { label: '(b) bare proxy', server: bare, openai: { path: '/v1/chat/completions', headers: openaiHeaders } },
  c: {
    label: '(c) fluxcore',
    server: fluxcore,
    openai: { path: '/v1/chat/completions', headers: openaiHeaders },
    anthropic: { path: '/v1/messages', headers: anthropicHeaders },
  },
  d: {
    label: '(d) Portkey 1.15.2',
    server: portkey,
    openai: { path: '/v1/chat/completions', headers: { ...openaiHeaders, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.url}/v1` } },
  },
  e: { label: '(e) @musistudio/llms 1.0.53', server: musistudio, anthropic: { path: '/v1/messages', headers: anthropicHeaders, model: 'mock,gpt-mock' } },
};

/** The four cases; converting rows borrow (a) and (b) from the same-protocol case (same upstream work). */
const CASES = [
  { name: 'same-protocol, complete', protocol: 'openai', stream: false, targets: ['a', 'b', 'c', 'd'] },
  { name: 'same-protocol, streamed (200 events)', protocol: 'openai', stream: true, targets: ['a', 'b', 'c', 'd'] },
  { name: 'converting, complete', protocol: 'anthropic', stream: false, targets: ['c', 'e'], borrow: 'same-protocol, complete' },
  { name: 'converting, streamed (200 events)', protocol: 'anthropic', stream: true, targets: ['c', 'e'], borrow: 'same-protocol, streamed (200 events)' },
];

function requestFor(key, protocol, stream) {
  const route = TARGETS[key][protocol];
  const body = protocol === 'openai' ? openaiBody(stream) : anthropicBody(stream, route.model);
  return { url: `${TARGETS[key].server.url}${route.path}`, headers: route.headers, body };
}

/** One request first: the target must answer correctly before its numbers mean anything. */
async function check(key, protocol, stream) {
  const { url, headers, body } = requestFor(key, protocol, stream);
  const answer = await post(url, headers, body);
  const done = !stream ? answer.body.includes('Berlin') : protocol === 'openai' ? answer.body.includes('[DONE]') : answer.body.includes('message_stop');
  const events = stream ? answer.body.split(/\n\n/).length : 0;
  if (answer.status !== 200 || !done || (stream && events < 150)) {
    throw new Error(`${TARGETS[key].label} answered ${protocol}${stream ? ' stream' : ''} wrongly: HTTP ${answer.status} ${answer.body.slice(0, 300)}`);
  }
}

async function measureLoad(key, protocol, stream, connections) {
  const request = { ...requestFor(key, protocol, stream), connections };
  if (SMOKE) return { ...(await load({ ...request, amount: SMOKE_REQUESTS[connections] })), cpuUs: NaN };
  await load({ ...request, seconds: WARMUP_SECONDS });
  const server = TARGETS[key].server;
  const cpuBefore = server.cpuMs();
  const measured = await load({ ...request, seconds: SECONDS });
  return { ...measured, cpuUs: ((server.cpuMs() - cpuBefore) * 1000) / measured.ok };
}

// ---------------------------------------------------------------- one run

async function runOnce() {
  const results = {};
  for (const c of CASES) {
    results[c.name] = {};
    for (const key of c.targets) await check(key, c.protocol, c.stream);
    for (const connections of [50, 1]) {
      for (const key of c.targets) {
        const measured = await measureLoad(key, c.protocol, c.stream, connections);
        if (measured.failed > 0) throw new Error(`${TARGETS[key].label}, ${c.name}: ${measured.failed} requests failed`);
        const entry = (results[c.name][key] ??= {});
        entry[connections] = measured;
        if (connections === 50) entry.rss = TARGETS[key].server.rss().now;
        const latency = `p50 ${measured.p50.toFixed(3)} ms, p99 ${measured.p99.toFixed(3)} ms`;
        console.error(`  ${c.name}, ${TARGETS[key].label}, ${connections} conn: ${Math.round(measured.rps)} req/s, ${latency}`);
      }
    }
    if (c.borrow !== undefined) for (const key of ['a', 'b']) results[c.name][key] = results[c.borrow][key];
  }
  results.ttfb = await measureTtfb();
  results.idle = await measureIdleStreams();
  return results;
}

async function measureTtfb() {
  const out = {};
  const probes = [
    ['openai', ['a', 'b', 'c', 'd']],
    ['anthropic', ['c', 'e']],
  ];
  for (const [protocol, keys] of probes) {
    out[protocol] = {};
    for (const key of keys) {
      out[protocol][key] = await timeToFirstByte({ ...requestFor(key, protocol, true), requests: TTFB_REQUESTS, warmup: Math.ceil(TTFB_REQUESTS / 10) });
      console.error(`  TTFB ${protocol} ${TARGETS[key].label}: p50 ${out[protocol][key].p50.toFixed(3)} ms`);
    }
  }
  return out;
}

/** Memory of the server process before and with IDLE_STREAMS streams open (after GC, heap and RSS). */
async function measureIdleStreams() {
  const out = {};
  for (const key of ['b', 'c']) {
    const server = TARGETS[key].server;
    const request = { ...requestFor(key, 'openai', true), body: JSON.stringify({ ...CHAT_REQUEST, model: 'hold', stream: true }) };
    (await openIdleStreams({ ...request, count: 20 })).close();
    await settle();
    const before = { ...(await server.memory()), rss: server.rss().now };
    const streams = await openIdleStreams({ ...request, count: IDLE_STREAMS });
    await settle();
    const during = { ...(await server.memory()), rss: server.rss().now };
    streams.close();
    await settle();
    const perStream = (field) => (during[field] - before[field]) / IDLE_STREAMS;
    out[key] = { rss: perStream('rss'), heap: perStream('heapUsed') + perStream('external'), streams: IDLE_STREAMS };
    console.error(
      `  idle streams ${TARGETS[key].label}: ${(out[key].rss / 1024).toFixed(1)} KiB RSS, ${(out[key].heap / 1024).toFixed(1)} KiB heap+external per stream`,
    );
  }
  return out;
}

function settle() {
  return new Promise((resolve) => setTimeout(resolve, SMOKE ? 100 : 500));
}

// ---------------------------------------------------------------- report

const ms = (value) => value.toFixed(3);
const kreq = (value) => Math.round(value).toLocaleString('en-US');
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(0);
const ratio = (value) => `${value.toFixed(2)}x`;

function caseTable(results, c) {
  const rows = results[c.name];
  const direct = rows.a;
  const order = ['a', 'b', ...c.targets.filter((key) => key !== 'a' && key !== 'b')];
  return table(
    [
      'target',
      'req/s @50',
      'p50 @50',
      'p99 @50',
      'CPU µs/req @50',
      'req/s @1',
      'p50 @1',
      'p99 @1',
      'added p50 @1',
      'added p99 @1',
      'RSS MB',
      'req/s vs (b)',
      'CPU/req vs (b)',
    ],
    order.map((key) => {
      const r = rows[key];
      return [
        TARGETS[key].label,
        kreq(r[50].rps),
        ms(r[50].p50),
        ms(r[50].p99),
        Number.isNaN(r[50].cpuUs) ? '-' : r[50].cpuUs.toFixed(0),
        kreq(r[1].rps),
        ms(r[1].p50),
        ms(r[1].p99),
        key === 'a' ? '-' : ms(r[1].p50 - direct[1].p50),
        key === 'a' ? '-' : ms(r[1].p99 - direct[1].p99),
        mb(r.rss),
        ratio(r[50].rps / rows.b[50].rps),
        key === 'a' ? '-' : ratio(r[50].cpuUs / rows.b[50].cpuUs),
      ];
    }),
  );
}

/** The targets, judged on this run's numbers. */
function targets(results) {
  const sameCases = [results['same-protocol, complete'], results['same-protocol, streamed (200 events)']];
  const convertingCases = [results['converting, complete'], results['converting, streamed (200 events)']];
  const ttfb = results.ttfb;
  const rows = [
    row('same-protocol req/s vs (b)', '>= 80%', sameCases, (r) => pct(r.c[50].rps / r.b[50].rps, 0.8)),
    row("same-protocol, (b)'s CPU/req over ours (capacity)", '>= 80%', sameCases, (r) => pct(r.b[50].cpuUs / r.c[50].cpuUs, 0.8)),
    row('same-protocol req/s vs Portkey', '>= 8x', sameCases, (r) => times(r.c[50].rps / r.d[50].rps, 8)),
    row('converting req/s vs (b)', '>= 65%', convertingCases, (r) => pct(r.c[50].rps / r.b[50].rps, 0.65)),
    row("converting, (b)'s CPU/req over ours (capacity)", '>= 65%', convertingCases, (r) => pct(r.b[50].cpuUs / r.c[50].cpuUs, 0.65)),
    row('converting req/s vs @musistudio/llms', '>= 4x', convertingCases, (r) => times(r.c[50].rps / r.e[50].rps, 4)),
    row("added p50 @1 vs (b)'s, same-protocol", '<= 1.3x', sameCases, (r) => times(added(r, 'c', 'p50') / added(r, 'b', 'p50'), 1.3, true)),
    row("added p99 @1 vs (b)'s, same-protocol", '<= 1.5x', sameCases, (r) => times(added(r, 'c', 'p99') / added(r, 'b', 'p99'), 1.5, true)),
    [
      'added TTFB over direct (p50)',
      '<= 1 ms',
      judge(`${ms(ttfb.openai.c.p50 - ttfb.openai.a.p50)} ms`, ttfb.openai.c.p50 - ttfb.openai.a.p50 <= 1),
      judge(`${ms(ttfb.anthropic.c.p50 - ttfb.openai.a.p50)} ms (converting)`, ttfb.anthropic.c.p50 - ttfb.openai.a.p50 <= 1),
    ],
    [
      'memory per idle open stream',
      '<= 64 KiB',
      judge(`${(results.idle.c.rss / 1024).toFixed(1)} KiB RSS`, results.idle.c.rss <= 64 * 1024),
      judge(`${(results.idle.c.heap / 1024).toFixed(1)} KiB heap+external`, results.idle.c.heap <= 64 * 1024),
    ],
  ];
  return table(['target', 'goal', 'complete (or first figure)', 'streamed (or second figure)'], rows);
}

/** A target's row: its label, its goal, then its verdict on the complete case and on the streamed one. */
const row = (label, goal, [complete, streamed], verdict) => [label, goal, verdict(complete), verdict(streamed)];
/** Milliseconds target `key` adds to the direct call (a) at concurrency 1, at quantile `q`. */
const added = (rows, key, q) => rows[key][1][q] - rows.a[1][q];
const judge = (text, ok) => `${text} ${ok ? 'met' : '**missed**'}`;
const pct = (value, goal) => judge(`${(value * 100).toFixed(0)}%`, value >= goal);
const times = (value, goal, atMost = false) => judge(ratio(value), atMost ? value <= goal : value >= goal);

function ttfbTable(results) {
  const { ttfb } = results;
  const rows = [];
  for (const [protocol, byTarget] of Object.entries(ttfb)) {
    for (const [key, r] of Object.entries(byTarget)) {
      rows.push([
        protocol === 'openai' ? 'OpenAI client' : 'Anthropic client',
        TARGETS[key].label,
        ms(r.p50),
        ms(r.p90),
        key === 'a' ? '-' : ms(r.p50 - ttfb.openai.a.p50),
      ]);
    }
  }
  return table(['client', 'target', 'TTFB p50 ms', 'TTFB p90 ms', 'added p50 over direct ms'], rows);
}

function idleTable(results) {
  return table(
    ['target', 'open streams', 'RSS per stream', 'heap + external per stream'],
    Object.entries(results.idle).map(([key, r]) => [
      TARGETS[key].label,
      String(r.streams),
      `${(r.rss / 1024).toFixed(1)} KiB`,
      `${(r.heap / 1024).toFixed(1)} KiB`,
    ]),
  );
}

function report(results, run) {
  const out = [
    `## Run ${run}${SMOKE ? ' (smoke: a few hundred requests, not a measurement)' : ''}`,
    '',
    `Load average before the run: ${results.loadBefore}, after: ${results.loadAfter} (the machine is shared).`,
    '',
  ];
  for (const c of CASES) out.push(`### ${c.name}`, '', caseTable(results, c), '');
  out.push('### Time to first streamed byte (sequential, 200 requests)', '', ttfbTable(results), '');
  out.push(`### Idle open streams (model "hold": the upstream sends one content event, then waits)`, '', idleTable(results), '');
  out.push('### Targets', '', targets(results), '');
  return out.join('\n');
}

// ---------------------------------------------------------------- main

const cpu = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}`;
const machine = `${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString()}`;
const perMeasurement = SMOKE ? `${SMOKE_REQUESTS[50]} requests (${SMOKE_REQUESTS[1]} at 1 connection)` : `${SECONDS} s after ${WARMUP_SECONDS} s of warm-up`;
console.log(`# Gateway overhead\n\n${machine}; ${perMeasurement} per measurement; autocannon 9.0.0 in the orchestrating process.\n`);
const all = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    console.error(`run ${run} of ${RUNS}`);
    const loadBefore = loadavg()[0].toFixed(2);
    const results = await runOnce();
    Object.assign(results, { loadBefore, loadAfter: loadavg()[0].toFixed(2) });
    all.push(results);
    console.log(report(results, run));
  }
} finally {
  await Promise.all([bare, fluxcore, portkey, musistudio, upstream].map((server) => server.stop()));
}
if (!SMOKE) {
  const dir = here('../.bench-results/');
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}overhead-${Date.now()}.json`, JSON.stringify({ machine, runs: all }, null, 2));
}
