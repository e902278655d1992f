import type { Usage } from '@fluxcore/message';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, poolOf, provider } from './__fixtures__/harness.js';
import { PROTOCOLS, type ProtocolCase } from './__fixtures__/protocols.js';
import { request } from './request.js';
import { requestStream } from './stream.js';
import { costOf } from './usage.js';

afterEach(cleanup);

const REPORTED = { inputTokens: 1200, outputTokens: 340 };
const TEXT = 'Hello! How can I help you today?';
const openaiCase = PROTOCOLS.find((p) => p.name === 'openai')!;

async function upstreamOf(protocol: ProtocolCase, usage: typeof REPORTED | null) {
  return provider({
    id: protocol.name,
    protocol: protocol.adapter,
    simulator: protocol.simulator,
    inputPrice: 2,
    outputPrice: 8,
    cachedInputPrice: 0.5,
    scenario: { text: TEXT, usage },
  });
}

/**
 * One call; a streamed answer must follow the caller protocol's grammar. Except on the verbatim
 * path when the provider reports no usage: the client then gets the upstream's own frames, and
 * an Anthropic stream without usage breaks that grammar upstream already.
 */
async function callThrough(inbound: ProtocolCase, upstream: ProtocolCase, stream: boolean, usage: typeof REPORTED | null): Promise<Usage> {
  const pool = poolOf([await upstreamOf(upstream, usage)]);
  const options = inbound.route === undefined ? {} : { route: inbound.route(stream) };
  if (!stream) return (await request(pool, inbound.body(false), inbound.adapter, options)).usage;
  const result = await requestStream(pool, inbound.body(true), inbound.adapter, options);
  let wire = '';
  for await (const chunk of result) wire += chunk;
  if (usage !== null || inbound !== upstream) expect(inbound.validate(wire).errors).toEqual([]);
  return result.usage;
}

/** Each upstream protocol, reached both on the same-protocol fast path and by conversion from OpenAI. */
const PATHS = PROTOCOLS.flatMap((upstream) => {
  const inbounds = upstream.name === 'openai' ? [openaiCase, PROTOCOLS.find((p) => p.name === 'anthropic')!] : [upstream, openaiCase];
  return inbounds.flatMap((inbound) => [false, true].map((stream) => [inbound.name, upstream.name, stream ? 'stream' : 'non-stream', inbound, upstream, stream] as const));
});

describe('usage', () => {
  it.each(PATHS)('is the provider count, flagged accurate (%s client, %s upstream, %s)', async (_in, _up, _mode, inbound, upstream, stream) => {
    const usage = await callThrough(inbound, upstream, stream, REPORTED);
    expect(usage).toMatchObject({ ...REPORTED, totalTokens: 1540, isAccurate: true });
    expect(usage.cost).toBeCloseTo((1200 * 2 + 340 * 8) / 1e6, 12);
    expect(usage.latencyMs).toBeGreaterThanOrEqual(0);
    if (stream) expect(usage.firstTokenMs).toBeLessThanOrEqual(usage.latencyMs);
    else expect(usage.firstTokenMs).toBeUndefined();
  });

  it.each(PATHS)('is estimated and flagged when the provider reports none (%s client, %s upstream, %s)', async (_in, _up, _mode, inbound, upstream, stream) => {
    const usage = await callThrough(inbound, upstream, stream, null);
    expect(usage.isAccurate).toBe(false);
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBeGreaterThan(0);
    expect(usage.totalTokens).toBe(usage.inputTokens + usage.outputTokens);
    expect(usage.cost).toBeCloseTo((usage.inputTokens * 2 + usage.outputTokens * 8) / 1e6, 12);
  });

  it('prices cached input at the cached input price', async () => {
    const cached = await provider({
      id: 'cached',
      protocol: openaiCase.adapter,
      simulator: openaiCase.simulator,
      inputPrice: 2,
      outputPrice: 8,
      cachedInputPrice: 0.5,
      scenario: { text: TEXT, usage: { inputTokens: 1000, outputTokens: 100, cachedInputTokens: 800 } },
    });
    const { usage } = await request(poolOf([cached]), openaiCase.body(false), openaiCase.adapter);
    expect(usage).toMatchObject({ inputTokens: 1000, cachedInputTokens: 800, isAccurate: true });
    expect(usage.cost).toBeCloseTo((200 * 2 + 800 * 0.5 + 100 * 8) / 1e6, 12);
  });
});

describe('costOf', () => {
  it('prices cached reads at the input price when the endpoint has no cached price of its own', () => {
    expect(costOf({ inputTokens: 1_000_000, outputTokens: 0, cachedInputTokens: 400_000 }, { inputPrice: 3, outputPrice: 15, cachedInputPrice: 3 })).toBe(3);
  });

  it('is 0 for an unpriced endpoint', () => {
    expect(costOf({ inputTokens: 5000, outputTokens: 5000 }, { inputPrice: 0, outputPrice: 0, cachedInputPrice: 0 })).toBe(0);
  });
});
