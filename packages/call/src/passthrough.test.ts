import type { EndpointPool } from '@fluxcore/routing';
import type { ProtocolCase, UpstreamFault } from '@fluxcore/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, poolOf, provider } from './__fixtures__/harness.js';
import { PROTOCOLS } from './__fixtures__/protocols.js';
import { withUnmodelledFields } from './__fixtures__/unmodelled.js';
import { requestStream } from './stream.js';

afterEach(cleanup);

const TEXT = 'Streaming verbatim keeps what the IR does not model.';
const REPORTED = { inputTokens: 321, outputTokens: 45 };
const byName = (name: string): ProtocolCase => PROTOCOLS.find((p) => p.name === name)!;

/** A simulated provider of `protocol` whose streams carry fields and events the IR does not model. */
async function upstreamOf(protocol: ProtocolCase, id: string, price: number, frameDelayMs = 0) {
  const source = withUnmodelledFields(protocol);
  const served = await provider({
    id,
    protocol: protocol.adapter,
    simulator: source.simulator,
    inputPrice: price,
    outputPrice: price,
    scenario: { text: TEXT, usage: REPORTED },
    frameDelayMs,
  });
  return { ...served, source };
}

async function streamThrough(inbound: ProtocolCase, pool: EndpointPool, body = inbound.body(true)) {
  const stream = await requestStream(pool, body, inbound.adapter, { route: inbound.route(true) });
  let wire = '';
  for await (const chunk of stream) wire += chunk;
  return { stream, wire };
}

/**
 * What a client of `protocol` gets from these upstream frames: all of them, except the OpenAI
 * usage-only chunk when the client did not ask for it (the fast path always asks upstream).
 */
function verbatim(protocol: ProtocolCase, frames: readonly string[]): string {
  return protocol.name === 'openai' ? frames.filter((frame) => !frame.includes('"choices":[]')).join('') : frames.join('');
}

describe.each(PROTOCOLS.map((p) => [p.name, p] as const))('a %s stream to a client of the same protocol', (_name, protocol) => {
  it('arrives byte for byte as the upstream sent it, fields the IR does not model included, with accurate usage', async () => {
    const only = await upstreamOf(protocol, 'only', 1);
    const { stream, wire } = await streamThrough(protocol, poolOf([only]));
    const sent = only.source.sent[0]!;
    expect(sent.join('')).toContain(only.source.marker);
    expect(wire).toBe(verbatim(protocol, sent));
    const result = protocol.validate(wire);
    expect(result).toMatchObject({ text: TEXT, endedWithError: false });
    // The grammar validators check fluxcore's encoders, which never write Anthropic's server tool blocks.
    expect(result.errors.filter((error) => !/server_tool_use|web_search_tool_result/.test(error))).toEqual([]);
    const usage = await stream.usage;
    expect(usage).toMatchObject({ ...REPORTED, isAccurate: true });
    expect(usage.firstTokenMs).toBeLessThanOrEqual(usage.latencyMs);
  });

  it("fails over before content, and the caller gets only the second upstream's frames", async () => {
    const cheap = await upstreamOf(protocol, 'cheap', 1);
    const dear = await upstreamOf(protocol, 'dear', 2);
    cheap.upstream.setFault({ type: 'malformed-stream', afterFrames: cheap.source.leadFrames });
    const { stream, wire } = await streamThrough(protocol, poolOf([cheap, dear]));
    expect(wire).toBe(verbatim(protocol, dear.source.sent[0]!));
    expect(stream.attempts.map((a) => [a.endpointId, a.category])).toEqual([
      ['cheap', 'upstream_protocol'],
      ['dear', undefined],
    ]);
    expect(await stream.usage).toMatchObject({ ...REPORTED, isAccurate: true });
  });

  it.each<[string, UpstreamFault['type']]>([
    ['is cut short', 'truncate'],
    ['sends its in-stream error', 'stream-error'],
  ])('ends with the protocol error signal after whole verbatim frames when the upstream %s after content', async (_case, type) => {
    // Paced frames: content reaches the caller before the fault strikes.
    const cheap = await upstreamOf(protocol, 'cheap', 1, 10);
    const dear = await upstreamOf(protocol, 'dear', 2);
    const afterFrames = cheap.source.leadFrames + 2;
    cheap.upstream.setFault({ type, afterFrames } as UpstreamFault);
    const { stream, wire } = await streamThrough(protocol, poolOf([cheap, dear]));
    // A frame that arrives in the same chunk as the error is dropped with it: never half of one.
    const frames = cheap.source.sent[0]!;
    const forwarded = [afterFrames, afterFrames - 1].map((n) => verbatim(protocol, frames.slice(0, n))).find((prefix) => wire.startsWith(prefix));
    expect(forwarded).toBeDefined();
    expect(protocol.validate(forwarded!).text.length).toBeGreaterThan(0);
    expect(protocol.validate(wire).endedWithError).toBe(true);
    const signal = wire.slice(forwarded!.length);
    expect(protocol.validate(signal)).toMatchObject({ text: '', endedWithError: true });
    expect(signal, 'the error signal must not open a second answer').not.toMatch(/message-start|stream-start|message_start/);
    expect(dear.upstream.calls).toHaveLength(0);
    expect(cheap.endpoint.consecutiveFailures).toBe(1);
    expect((await stream.usage).totalTokens).toBeGreaterThan(0);
  });
});

describe.each(PROTOCOLS.map((p) => [p.name, p] as const))('a %s stream whose upstream stalls after its terminal frame', (_name, protocol) => {
  it('reaches the caller complete, with no error signal after the end, as a success', async () => {
    const only = await upstreamOf(protocol, 'only', 1);
    only.upstream.setFault({ type: 'stall', afterFrames: 1_000 });
    const stream = await requestStream(poolOf([only]), protocol.body(true), protocol.adapter, { route: protocol.route(true), timeouts: { idleMs: 150 } });
    let wire = '';
    for await (const chunk of stream) wire += chunk;
    expect(wire).toBe(verbatim(protocol, only.source.sent[0]!));
    expect(stream.attempts).toHaveLength(1);
    expect(stream.attempts[0]!.category).toBeUndefined();
    expect(only.endpoint.consecutiveFailures).toBe(0);
  });
});

describe('the OpenAI usage chunk on the fast path', () => {
  it('reaches a client that asked for stream usage', async () => {
    const openai = byName('openai');
    const only = await upstreamOf(openai, 'only', 1);
    const { wire } = await streamThrough(openai, poolOf([only]), { ...openai.body(true), stream_options: { include_usage: true } });
    expect(wire).toBe(only.source.sent[0]!.join(''));
    expect(openai.validate(wire).usage).toMatchObject({ prompt_tokens: REPORTED.inputTokens, completion_tokens: REPORTED.outputTokens });
  });
});

describe('a pool mixing verbatim and converted attempts', () => {
  it('converts the answer of an endpoint of another protocol after a verbatim attempt failed before content', async () => {
    const openai = byName('openai');
    const cheap = await upstreamOf(openai, 'openai', 1);
    const dear = await upstreamOf(byName('anthropic'), 'anthropic', 2);
    cheap.upstream.setFault({ type: 'reset', afterFrames: cheap.source.leadFrames });
    const { stream, wire } = await streamThrough(openai, poolOf([cheap, dear]));
    expect(openai.validate(wire)).toMatchObject({ errors: [], text: TEXT, endedWithError: false });
    expect(wire).not.toContain(': OPENROUTER PROCESSING');
    expect(stream.endpoint.id).toBe('anthropic');
  });

  it('forwards verbatim after a converted attempt failed before content', async () => {
    const openai = byName('openai');
    const cheap = await upstreamOf(byName('anthropic'), 'anthropic', 1);
    const dear = await upstreamOf(openai, 'openai', 2);
    cheap.upstream.setFault({ type: 'stream-error', afterFrames: 1, kind: 'overloaded' });
    const { stream, wire } = await streamThrough(openai, poolOf([cheap, dear]));
    expect(wire).toBe(verbatim(openai, dear.source.sent[0]!));
    expect(stream.attempts.map((a) => [a.endpointId, a.category])).toEqual([
      ['anthropic', 'overloaded'],
      ['openai', undefined],
    ]);
  });
});
