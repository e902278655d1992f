import { anthropic } from '@fluxcore/anthropic';
import { requestStream, type AttemptRecord } from '@fluxcore/call';
import type { Usage } from '@fluxcore/message';
import type { Endpoint, EndpointPool } from '@fluxcore/routing';
import { AnthropicSseReader } from './anthropic-sse.js';
import type { SimulatedProviders } from './providers.js';

/** Where the example writes: whole lines, and streamed text as it arrives. */
export interface Output {
  line(text: string): void;
  text(text: string): void;
}

/** What one streamed request produced, as its caller saw it. */
export interface StreamOutcome {
  reader: AnthropicSseReader;
  endpoint: Endpoint;
  attempts: readonly AttemptRecord[];
  usage: Usage;
}

/** A client request in the Anthropic Messages format, as the bytes a server would receive. */
const rawBody = JSON.stringify({
  model: 'claude-haiku-4-5',
  max_tokens: 256,
  stream: true,
  messages: [{ role: 'user', content: 'Say hello, slowly.' }],
});

/**
 * Step 4 of the README's quick start: stream one request, write each chunk as it comes, then
 * read the usage. Here "write" means printing the text an Anthropic client would show.
 */
async function streamOnce(pool: EndpointPool, out: Output): Promise<StreamOutcome> {
  const stream = await requestStream(pool, rawBody, anthropic, { signal: AbortSignal.timeout(10_000) });
  const reader = new AnthropicSseReader();
  out.text('   text      ');
  for await (const chunk of stream) out.text(reader.read(chunk));
  out.line('');
  const usage = await stream.usage;
  if (reader.error !== undefined) out.line(`   error     the stream ended with Anthropic's error event: ${reader.error}`);
  out.line(`   wire      ${reader.summary()}`);
  out.line(`   endpoint  #${stream.endpoint.id} ${stream.endpoint.key.protocol.name} ${stream.endpoint.model ?? ''}`);
  out.line(`   attempts  ${stream.attempts.map(describeAttempt).join(' → ')}`);
  out.line(`   usage     ${describeUsage(usage)}`);
  return { reader, endpoint: stream.endpoint, attempts: stream.attempts, usage };
}

/** Three streams: a plain one, a failover before content, a failure after content. */
export async function runStreamingStory(pool: EndpointPool, providers: SimulatedProviders, out: Output): Promise<StreamOutcome[]> {
  out.line('1. requestStream(pool, rawBody, anthropic): an Anthropic client, served by the endpoint');
  out.line('   cheapest for this request (OpenAI), gets Anthropic SSE');
  const plain = await streamOnce(pool, out);

  out.line('');
  out.line('2. The OpenAI provider drops the connection before any content: fluxcore fails over');
  out.line('   to the next cheapest endpoint, and the client never notices');
  providers.upstreams.openai.setFault({ type: 'reset', afterFrames: 0, times: 1 });
  const failover = await streamOnce(pool, out);

  out.line('');
  out.line('3. The OpenAI provider breaks off after some content: the text cannot be taken back, so');
  out.line("   the stream ends with the protocol's own error signal, never with a clean-looking end");
  providers.upstreams.openai.setFault({ type: 'truncate', afterFrames: 4, times: 1 });
  const broken = await streamOnce(pool, out);
  return [plain, failover, broken];
}

function describeAttempt(a: AttemptRecord): string {
  return `#${a.endpointId} ${a.protocol} ${a.status ?? '-'}${a.category === undefined ? '' : ` ${a.category}`}`;
}

function describeUsage(usage: Usage): string {
  const source = usage.isAccurate ? 'reported by the provider' : 'estimated';
  const cost = usage.cost === undefined ? 'no price' : `$${usage.cost.toFixed(7)}`;
  const firstToken = usage.firstTokenMs === undefined ? '' : `, first text after ${Math.round(usage.firstTokenMs)} ms`;
  return `${usage.inputTokens} in + ${usage.outputTokens} out (${source}), ${cost}, ${Math.round(usage.latencyMs)} ms${firstToken}`;
}
