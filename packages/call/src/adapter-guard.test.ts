import type { ProtocolAdapter, StreamEvent } from '@fluxcore/message';
import { openai } from '@fluxcore/openai';
import { validateOpenaiStream } from '@fluxcore/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, openaiBody, openaiProvider, poolOf } from './__fixtures__/harness.js';
import { requestStream } from './stream.js';

afterEach(cleanup);

const bug = (): never => {
  throw new TypeError("Cannot read properties of undefined (reading 'delta')");
};

/** OpenAI under another name (so streams are converted), with a stream decoder that crashes. */
const crashingDecoder: ProtocolAdapter = {
  ...openai,
  name: 'openai-crashing-decoder',
  createStreamDecoder: () => ({ push: bug, end: (): StreamEvent[] => [] }),
};

/** OpenAI whose verbatim passthrough crashes (inbound and outbound are this same adapter). */
const crashingPassthrough: ProtocolAdapter = {
  ...openai,
  createStreamPassthrough: () => ({ push: bug, end: bug }),
};

/** OpenAI whose stream encoder crashes on every event (the inbound side). */
const crashingEncoder: ProtocolAdapter = {
  ...openai,
  name: 'openai-crashing-encoder',
  createStreamEncoder: () => ({ encode: bug, fail: () => '' }),
};

async function streamThrough(outbound: ProtocolAdapter, inbound: ProtocolAdapter) {
  const cheap = await openaiProvider({ protocol: outbound, inputPrice: 0.1, outputPrice: 0.4, scenario: { text: 'cheap' } });
  const dear = await openaiProvider({ id: 2, inputPrice: 1, outputPrice: 4, scenario: { text: 'dear' } });
  const stream = await requestStream(poolOf([cheap, dear]), openaiBody({ stream: true }), inbound);
  let wire = '';
  for await (const chunk of stream) wire += chunk;
  return { stream, wire, cheap };
}

describe('adapter exceptions on the stream path', () => {
  it('are an upstream_protocol failure of the attempt when the stream decoder throws, and fail over', async () => {
    const { stream, wire, cheap } = await streamThrough(crashingDecoder, openai);
    expect(validateOpenaiStream(wire).text).toBe('dear');
    expect(stream.attempts[0]).toMatchObject({ endpointId: 1, status: 200, category: 'upstream_protocol' });
    expect(cheap.endpoint.consecutiveFailures).toBe(1);
  });

  it('are an upstream_protocol failure of the attempt when the verbatim passthrough throws', async () => {
    const { stream, wire } = await streamThrough(crashingPassthrough, crashingPassthrough);
    expect(validateOpenaiStream(wire).text).toBe('dear');
    expect(stream.attempts[0]).toMatchObject({ endpointId: 1, category: 'upstream_protocol' });
  });

  it("are an upstream_protocol error when the caller protocol's encoder throws, never a network one", async () => {
    const error = await streamThrough(openai, crashingEncoder).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CallError', category: 'upstream_protocol' });
    expect((error as { attempts: Array<{ category?: string }> }).attempts.map((a) => a.category)).toEqual([
      'upstream_protocol',
      'upstream_protocol',
      'upstream_protocol',
      'upstream_protocol',
    ]);
  });
});
