// The Ollama adapter next to a built-in one, both directions, against SIMULATED servers.
//   pnpm turbo run build && pnpm --filter @fluxcore-examples/custom-adapter start
import { closePool, request, requestStream } from '@fluxcore/call';
import type { JsonObject } from '@fluxcore/message';
import { openai } from '@fluxcore/openai';
import { Endpoint, EndpointPool } from '@fluxcore/routing';
import { openaiSimulator, startUpstream } from '@fluxcore/testkit';
import { ollama } from '../index.js';
import { startSimulatedOllama } from './simulated-ollama.js';

console.log("fluxcore custom-adapter example: Ollama's /api/chat as a protocol, from outside fluxcore");
console.log('Both servers are SIMULATED on 127.0.0.1: no Ollama, no network, no API keys.\n');

const local = await startSimulatedOllama({ text: 'Hello from the simulated Ollama server.', frameDelayMs: 30 });
const cloud = await startUpstream({
  simulator: openaiSimulator,
  apiKey: 'sim-openai-key',
  scenario: { text: 'Hello from the simulated OpenAI provider.', chunkSize: 8 },
  frameDelayMs: 30,
});
const pool = new EndpointPool([
  new Endpoint({ id: 'llama', key: { baseURL: local.url, apiKey: 'ollama', protocol: ollama }, model: 'llama3.2' }),
  new Endpoint({
    id: 'gpt',
    key: { baseURL: cloud.url, apiKey: 'sim-openai-key', protocol: openai },
    model: 'gpt-4.1-mini',
    inputPrice: 0.4,
    outputPrice: 1.6,
  }),
]);
console.log(`   llama  ollama  free                          simulated at ${local.url}`);
console.log(`   gpt    openai  $0.40 in / $1.60 out per 1M  simulated at ${cloud.url}\n`);

try {
  console.log('1. An OpenAI client, served by the free local Ollama (ollama as the upstream protocol)');
  const res = await request(pool, { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Hi' }] }, openai);
  const message = (res.body.choices as JsonObject[])[0]!.message as JsonObject;
  console.log(`   answer    ${JSON.stringify(message.content)}  (OpenAI format)`);
  console.log(`   endpoint  ${res.endpoint.id}, ${res.usage.inputTokens} in + ${res.usage.outputTokens} out tokens as Ollama counted them\n`);

  console.log('2. An Ollama client streams while the local Ollama is down: fluxcore fails over to OpenAI');
  console.log('   and converts its stream to Ollama NDJSON (ollama as the inbound protocol)');
  local.setFailure({ status: 500, message: 'model runner has unexpectedly stopped' });
  const stream = await requestStream(pool, { model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }] }, ollama);
  for await (const chunk of stream) process.stdout.write(`   ${chunk}`);
  console.log(
    `   endpoint  ${stream.endpoint.id}, attempts ${stream.attempts.map((a) => `${a.endpointId} ${a.status}${a.category ? ` ${a.category}` : ''}`).join(' → ')}`,
  );
} finally {
  await closePool(pool);
  await Promise.all([local.close(), cloud.close()]);
}
