import type { Usage } from '@fluxcore/message';
import type { ProtocolCase } from '@fluxcore/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, poolOf, provider } from './__fixtures__/harness.js';
import { PROTOCOLS } from './__fixtures__/protocols.js';
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
  const options = { route: inbound.route(stream) };
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
  return inbounds.flatMap((inbound) =>
    [false, true].map((stream) => [inbound.name, upstream.name, stream ? 'stream' : 'non-stream', inbound, upstream, stream] as const),
  );
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

  it("prices an Anthropic cache write at the endpoint's cache write price", async () => {
    const anthropicCase = PROTOCOLS.find((p) => p.name === 'anthropic')!;
    const caching = await provider({
      id: 'caching',
      protocol: anthropicCase.adapter,
      simulator: anthropicCase.simulator,
      inputPrice: 3,
      outputPrice: 15,
      cachedInputPrice: 0.3,
      cacheWritePrice: 3.75,
      scenario: { text: TEXT, usage: { inputTokens: 3000, outputTokens: 100, cachedInputTokens: 1000, cacheWriteTokens: 1500 } },
    });
    const { usage } = await request(poolOf([caching]), anthropicCase.body(false), anthropicCase.adapter);
    expect(usage).toMatchObject({ inputTokens: 3000, cachedInputTokens: 1000, cacheWriteTokens: 1500, isAccurate: true });
    expect(usage.cost).toBeCloseTo((500 * 3 + 1000 * 0.3 + 1500 * 3.75 + 100 * 15) / 1e6, 12);
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
    expect(
      costOf(
        { inputTokens: 1_000_000, outputTokens: 0, cachedInputTokens: 400_000 },
        { inputPrice: 3, outputPrice: 15, cachedInputPrice: 3, cacheWritePrice: 3 },
      ),
    ).toBe(3);
  });

  it('prices cache writes at the cache write price, cache reads at the cached price, and the rest at the input price', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 100_000, cachedInputTokens: 500_000, cacheWriteTokens: 200_000 };
    expect(costOf(usage, { inputPrice: 3, outputPrice: 15, cachedInputPrice: 0.3, cacheWritePrice: 3.75 })).toBeCloseTo(
      0.3 * 3 + 0.5 * 0.3 + 0.2 * 3.75 + 0.1 * 15,
      12,
    );
  });

  it('never prices more cache writes than the input tokens left after cache reads', () => {
    const usage = { inputTokens: 1_000, outputTokens: 0, cachedInputTokens: 800, cacheWriteTokens: 5_000 };
    expect(costOf(usage, { inputPrice: 1, outputPrice: 1, cachedInputPrice: 0.1, cacheWritePrice: 2 }) * 1e6).toBeCloseTo(800 * 0.1 + 200 * 2, 9);
  });

  it('is 0 for an unpriced endpoint', () => {
    expect(costOf({ inputTokens: 5000, outputTokens: 5000 }, { inputPrice: 0, outputPrice: 0, cachedInputPrice: 0, cacheWritePrice: 0 })).toBe(0);
  });
});
