// fluxcore demo: four SIMULATED providers on 127.0.0.1, one gateway in front of them, and the
// official SDKs of four providers as clients. No network, no API keys, under 30 seconds.
//
//   npm run demo                          (from the repository root: installs, builds, runs this)
//   pnpm --filter @fluxcore/gateway demo  (after a build)
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { CohereClientV2 } from 'cohere-ai';
import OpenAI from 'openai';
import { Writable } from 'node:stream';
import { createGateway } from '@fluxcore/gateway';
import { anthropicSimulator, cohereSimulator, geminiSimulator, openaiSimulator, startUpstream } from './.build/simulated.js';

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (color ? `\x1b[${code}m${text}\x1b[0m` : String(text));
const bold = paint('1');
const dim = paint('2');
const green = paint('32');
const red = paint('31');
const yellow = paint('33');
const cyan = paint('36');

const GATEWAY_KEY = 'demo-gateway-key';
const RECOVERY_MS = 2000;
const startedAt = Date.now();

/** The simulated providers, cheapest first. Prices are USD per 1M tokens (input / output). */
const PROVIDERS = [
  { id: 'gemini-flash', protocol: 'gemini', simulator: geminiSimulator, model: 'gemini-2.5-flash', inputPrice: 0.1, outputPrice: 0.4 },
  { id: 'cohere-command', protocol: 'cohere', simulator: cohereSimulator, model: 'command-r-08-2024', inputPrice: 0.15, outputPrice: 0.6 },
  { id: 'openai-mini', protocol: 'openai', simulator: openaiSimulator, model: 'gpt-4.1-mini', inputPrice: 0.4, outputPrice: 1.6 },
  { id: 'claude-haiku', protocol: 'anthropic', simulator: anthropicSimulator, model: 'claude-haiku-4-5', inputPrice: 1, outputPrice: 5 },
];

const ANSWER =
  'A circuit breaker stops sending traffic to an endpoint that keeps failing, then lets one probe through after a cool-down to see whether it recovered.';

/** What every simulated provider answers: a tool call when the request offers tools, else text. */
function scenarioFor(provider) {
  return (call) =>
    Array.isArray(call.body?.tools) && call.body.tools.length > 0
      ? { toolCalls: [{ id: 'call_demo_1', name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } }], usage: { inputTokens: 64, outputTokens: 19 } }
      : { text: `${ANSWER} (answered by the simulated ${provider.protocol} provider)`, usage: { inputTokens: 26, outputTokens: 38 }, chunkSize: 14 };
}

function step(n, total, text) {
  console.log(`\n${cyan(`[${n}/${total}]`)} ${bold(text)}`);
}

async function main() {
  console.log(bold('fluxcore demo') + dim(' — one gateway, four wire protocols, the official SDKs as clients'));
  console.log(yellow("All providers below are SIMULATED: local test servers on 127.0.0.1 speaking each provider's wire format. No network, no API keys."));

  const TOTAL = 9;
  step(1, TOTAL, 'Starting the simulated providers');
  const upstreams = new Map();
  for (const provider of PROVIDERS) {
    const upstream = await startUpstream({
      simulator: provider.simulator,
      apiKey: `sim-${provider.id}-key`,
      scenario: scenarioFor(provider),
      frameDelayMs: 12,
    });
    upstreams.set(provider.id, upstream);
    console.log(
      `  ${green('●')} ${provider.id.padEnd(15)} ${dim('simulated')} ${provider.protocol.padEnd(9)} ${upstream.url}  $${provider.inputPrice.toFixed(2)} in / $${provider.outputPrice.toFixed(2)} out per 1M tokens`,
    );
  }

  const accessLog = [];
  const logSink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line === '') continue;
        const entry = JSON.parse(line);
        if (entry.msg === 'request' || entry.msg === 'request failed') accessLog.push(entry);
      }
      done();
    },
  });
  const gateway = createGateway(
    {
      auth: { keys: [GATEWAY_KEY] },
      keys: Object.fromEntries(PROVIDERS.map((p) => [p.id, { protocol: p.protocol, baseURL: upstreams.get(p.id).url, apiKey: `sim-${p.id}-key` }])),
      endpoints: Object.fromEntries(
        PROVIDERS.map((p) => [
          p.id,
          { key: p.id, model: p.model, inputPrice: p.inputPrice, outputPrice: p.outputPrice, breaker: { threshold: 2, recoveryTimeoutMs: RECOVERY_MS } },
        ]),
      ),
      models: { 'fluxcore-demo': { endpoints: PROVIDERS.map((p) => p.id), retries: 3 } },
    },
    { log: logSink },
  );
  const url = await gateway.start(0, '127.0.0.1');
  console.log(`  ${green('●')} ${'gateway'.padEnd(15)} ${url}  model "fluxcore-demo" pools all four, cheapest healthy first`);

  const clients = {
    openai: new OpenAI({ apiKey: GATEWAY_KEY, baseURL: `${url}/v1`, maxRetries: 0 }),
    anthropic: new Anthropic({ apiKey: GATEWAY_KEY, baseURL: url, maxRetries: 0 }),
    gemini: new GoogleGenAI({ apiKey: GATEWAY_KEY, httpOptions: { baseUrl: url } }),
    cohere: new CohereClientV2({ token: GATEWAY_KEY, baseUrl: url, maxRetries: 0 }),
  };
  const rows = [];

  /** Run one client call, then print its row from the gateway's own access log line. */
  async function drive(label, protocol, stream, call) {
    const seen = accessLog.length;
    const t0 = performance.now();
    const shown = await call();
    const latencyMs = performance.now() - t0;
    while (accessLog.length === seen) await new Promise((resolve) => setTimeout(resolve, 5));
    const entry = accessLog[accessLog.length - 1];
    const row = { label, protocol, stream, entry, latencyMs };
    rows.push(row);
    if (shown) console.log(`  ${dim('answer:')} ${shown}`);
    console.log(`  ${formatRow(row)}`);
    return entry;
  }

  const question = 'What does a circuit breaker do, in one sentence?';
  const weatherTool = {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['city'] },
  };

  step(2, TOTAL, 'Anthropic SDK streams an answer (served by the cheapest endpoint, a Gemini-protocol one)');
  printHeader();
  await drive('Anthropic SDK', 'anthropic', true, async () => {
    process.stdout.write(`  ${dim('stream:')} `);
    const stream = clients.anthropic.messages.stream({ model: 'fluxcore-demo', max_tokens: 200, messages: [{ role: 'user', content: question }] });
    stream.on('text', (text) => process.stdout.write(text));
    const message = await stream.finalMessage();
    process.stdout.write('\n');
    return dim(`stop_reason=${message.stop_reason}, usage ${message.usage.input_tokens} in / ${message.usage.output_tokens} out`);
  });

  step(3, TOTAL, 'OpenAI SDK makes a tool call');
  await drive('OpenAI SDK', 'openai', false, async () => {
    const completion = await clients.openai.chat.completions.create({
      model: 'fluxcore-demo',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [{ type: 'function', function: weatherTool }],
    });
    const toolCall = completion.choices[0].message.tool_calls?.[0];
    if (toolCall?.type !== 'function') throw new Error('expected a tool call');
    return `tool call ${bold(toolCall.function.name)}(${toolCall.function.arguments}), finish_reason=${completion.choices[0].finish_reason}`;
  });

  step(4, TOTAL, 'Gemini and Cohere SDKs, same gateway, same model name');
  await drive('Gemini SDK', 'gemini', false, async () => {
    const response = await clients.gemini.models.generateContent({ model: 'fluxcore-demo', contents: question });
    return `${response.text.slice(0, 60)}…`;
  });
  await drive('Cohere SDK', 'cohere', true, async () => {
    let text = '';
    for await (const event of await clients.cohere.chatStream({ model: 'fluxcore-demo', messages: [{ role: 'user', content: question }] })) {
      if (event.type === 'content-delta') text += event.delta?.message?.content?.text ?? '';
    }
    return `${text.slice(0, 60)}…`;
  });

  step(5, TOTAL, `The cheapest provider goes down: ${red('gemini-flash answers 503')} from now on (simulated outage)`);
  upstreams.get('gemini-flash').setFault({ type: 'http-error', status: 503, message: 'simulated outage' });
  await drive('OpenAI SDK', 'openai', false, async () => {
    const completion = await clients.openai.chat.completions.create({ model: 'fluxcore-demo', messages: [{ role: 'user', content: question }] });
    return `${completion.choices[0].message.content.slice(0, 60)}…`;
  });
  await drive('Anthropic SDK', 'anthropic', false, async () => {
    const message = await clients.anthropic.messages.create({ model: 'fluxcore-demo', max_tokens: 200, messages: [{ role: 'user', content: question }] });
    return `${message.content[0].text.slice(0, 60)}…`;
  });
  const health = await (await fetch(`${url}/healthz`)).json();
  console.log(
    `  breaker of gemini-flash: ${health.endpoints['gemini-flash'] === 'open' ? red('OPEN') : health.endpoints['gemini-flash']} after 2 consecutive failures ${dim('(GET /healthz)')}`,
  );

  step(6, TOTAL, 'While the breaker is open, traffic goes straight to the next cheapest endpoint');
  await drive('Gemini SDK', 'gemini', true, async () => {
    let text = '';
    for await (const chunk of await clients.gemini.models.generateContentStream({ model: 'fluxcore-demo', contents: question })) text += chunk.text ?? '';
    return `${text.slice(0, 60)}…`;
  });

  step(7, TOTAL, `gemini-flash recovers; waiting ${RECOVERY_MS / 1000} s for the breaker's recovery timeout`);
  upstreams.get('gemini-flash').setFault(undefined);
  await progress(RECOVERY_MS + 100);

  step(8, TOTAL, 'The next request is the half-open probe: it succeeds and the cheapest endpoint is back');
  await drive('OpenAI SDK', 'openai', true, async () => {
    let text = '';
    const stream = await clients.openai.chat.completions.create({ model: 'fluxcore-demo', stream: true, messages: [{ role: 'user', content: question }] });
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    return `${text.slice(0, 60)}…`;
  });
  const after = await (await fetch(`${url}/healthz`)).json();
  console.log(`  breaker of gemini-flash: ${after.endpoints['gemini-flash'] === 'closed' ? green('closed') : after.endpoints['gemini-flash']}`);

  step(9, TOTAL, 'Summary');
  printSummary(rows, PROVIDERS);
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const failures = metrics.split('\n').filter((line) => line.startsWith('fluxcore_failures_total{') && line.includes('endpoint="gemini-flash"'));
  console.log(`\n  ${dim('from GET /metrics:')}`);
  for (const line of failures) console.log(`  ${dim(line)}`);

  await gateway.shutdown({ graceMs: 1000 });
  await Promise.all([...upstreams.values()].map((u) => u.close()));
  console.log(
    `\n${green('✓')} demo finished in ${((Date.now() - startedAt) / 1000).toFixed(1)} s. ${dim('Point the same gateway at real providers: see packages/gateway/README.md')}`,
  );
}

const COLUMNS = [
  ['client', 14],
  ['protocol', 10],
  ['stream', 7],
  ['endpoint', 15],
  ['attempts', 9],
  ['tokens in/out', 14],
  ['cost (USD)', 12],
  ['latency', 9],
];

function printHeader() {
  console.log(`  ${dim(COLUMNS.map(([name, width]) => name.padEnd(width)).join(''))}`);
}

function formatRow({ label, protocol, stream, entry, latencyMs }) {
  const cells = [
    label,
    protocol,
    stream ? 'yes' : 'no',
    entry.endpoint ?? '-',
    String(entry.attempts),
    entry.inputTokens === undefined ? '-' : `${entry.inputTokens}/${entry.outputTokens}`,
    entry.cost === undefined ? '-' : `$${entry.cost.toFixed(8)}`,
    `${latencyMs.toFixed(0)} ms`,
  ];
  const line = cells.map((cell, i) => cell.padEnd(COLUMNS[i][1])).join('');
  const failover = entry.failed?.map((f) => `${f.endpoint} failed (${f.category})`).join(', ');
  return failover ? `${line}\n  ${yellow(`failover: ${failover} -> ${entry.endpoint}`)}` : line;
}

function printSummary(rows, providers) {
  const served = new Map();
  let cost = 0;
  let input = 0;
  let output = 0;
  let attempts = 0;
  for (const { entry } of rows) {
    served.set(entry.endpoint, (served.get(entry.endpoint) ?? 0) + 1);
    cost += entry.cost ?? 0;
    input += entry.inputTokens ?? 0;
    output += entry.outputTokens ?? 0;
    attempts += entry.attempts;
  }
  const priciest = providers[providers.length - 1];
  const allOnPriciest = (input * priciest.inputPrice + output * priciest.outputPrice) / 1e6;
  console.log(`  requests          ${rows.length} (all answered, ${attempts} upstream attempts, ${attempts - rows.length} failed over)`);
  console.log(`  served by         ${[...served].map(([id, n]) => `${id} ×${n}`).join(', ')}`);
  console.log(`  tokens            ${input} in / ${output} out`);
  console.log(
    `  cost              $${cost.toFixed(6)}  ${dim(`(the same traffic on ${priciest.id} alone: $${allOnPriciest.toFixed(6)}, ${(allOnPriciest / cost).toFixed(1)}× more)`)}`,
  );
  const protocols = new Set(rows.map((r) => r.protocol));
  console.log(
    `  client protocols  ${[...protocols].join(', ')}; upstream protocols ${[...new Set(providers.filter((p) => served.has(p.id)).map((p) => p.protocol))].join(', ')}`,
  );
}

async function progress(ms) {
  const end = Date.now() + ms;
  process.stdout.write('  ');
  while (Date.now() < end) {
    process.stdout.write('.');
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, end - Date.now())));
  }
  process.stdout.write(' ready\n');
}

main().catch((error) => {
  console.error(`\n${red('demo failed:')} ${error?.stack ?? error}`);
  process.exit(1);
});
