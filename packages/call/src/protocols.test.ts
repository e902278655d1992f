import type { ProtocolCase } from '@fluxcore/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, poolOf, provider } from './__fixtures__/harness.js';
import { PROTOCOLS } from './__fixtures__/protocols.js';
import { request } from './request.js';
import { requestStream } from './stream.js';

afterEach(cleanup);

const TEXT = 'Streaming through every protocol works.';
const byName = (name: string): ProtocolCase => PROTOCOLS.find((p) => p.name === name)!;

async function upstreamOf(protocol: ProtocolCase, id: string, price: number, frameDelayMs = 0) {
  return provider({
    id,
    protocol: protocol.adapter,
    simulator: protocol.simulator,
    inputPrice: price,
    outputPrice: price,
    scenario: { text: TEXT },
    frameDelayMs,
  });
}

function optionsFor(inbound: ProtocolCase, stream: boolean) {
  return { route: inbound.route(stream) };
}

async function streamThrough(inbound: ProtocolCase, pool: ReturnType<typeof poolOf>) {
  const stream = await requestStream(pool, inbound.body(true), inbound.adapter, optionsFor(inbound, true));
  let wire = '';
  for await (const chunk of stream) wire += chunk;
  return { stream, result: inbound.validate(wire) };
}

describe.each(PROTOCOLS.map((p) => [p.name, p] as const))('streams on the %s fast path', (_name, protocol) => {
  it('fail over invisibly when the upstream breaks before content', async () => {
    const cheap = await upstreamOf(protocol, 'cheap', 1);
    const dear = await upstreamOf(protocol, 'dear', 2);
    cheap.upstream.setFault({ type: 'reset', afterFrames: 0 });
    const { stream, result } = await streamThrough(protocol, poolOf([cheap, dear]));
    expect(result.errors).toEqual([]);
    expect(result.endedWithError).toBe(false);
    expect(result.text).toBe(TEXT);
    expect(stream.attempts.map((a) => [a.endpointId, a.category])).toEqual([
      ['cheap', 'network'],
      ['dear', undefined],
    ]);
  });

  it('end with the protocol error signal when the upstream breaks after content', async () => {
    const cheap = await upstreamOf(protocol, 'cheap', 1, 10);
    const dear = await upstreamOf(protocol, 'dear', 2);
    cheap.upstream.setFault({ type: 'truncate', afterFrames: 4 });
    const { result } = await streamThrough(protocol, poolOf([cheap, dear]));
    expect(result.endedWithError).toBe(true);
    expect(result.text.length).toBeGreaterThan(0);
    expect(TEXT.startsWith(result.text)).toBe(true);
    expect(dear.upstream.calls).toHaveLength(0);
  });
});

describe('a pool mixing providers', () => {
  it('fails over across protocols and answers in the caller protocol', async () => {
    const cheap = await upstreamOf(byName('anthropic'), 'anthropic', 1);
    const middle = await upstreamOf(byName('gemini'), 'gemini', 2);
    const dear = await upstreamOf(byName('cohere'), 'cohere', 3);
    cheap.upstream.setFault({ type: 'http-error', status: 529 });
    middle.upstream.setFault({ type: 'http-error', status: 503 });
    const openaiCase = byName('openai');
    const result = await request(poolOf([dear, middle, cheap]), openaiCase.body(false), openaiCase.adapter);
    expect(result.attempts.map((a) => [a.endpointId, a.protocol, a.status])).toEqual([
      ['anthropic', 'anthropic', 529],
      ['gemini', 'gemini', 503],
      ['cohere', 'cohere', 200],
    ]);
    expect(result.body).toMatchObject({ object: 'chat.completion', choices: [{ message: { content: TEXT } }] });
    expect(dear.upstream.calls[0]!.body).toMatchObject({ model: 'model-cohere' });
  });

  it('streams across protocols after a failover before content', async () => {
    const cheap = await upstreamOf(byName('gemini'), 'gemini', 1);
    const dear = await upstreamOf(byName('openai'), 'openai', 2);
    cheap.upstream.setFault({ type: 'stream-error', afterFrames: 0, kind: 'overloaded' });
    const { stream, result } = await streamThrough(byName('anthropic'), poolOf([cheap, dear]));
    expect(result.errors).toEqual([]);
    expect(result.text).toBe(TEXT);
    expect(stream.endpoint.id).toBe('openai');
  });
});
