import { gemini } from '@fluxcore/gemini';
import { openai } from '@fluxcore/openai';
import { geminiSimulator, validateGeminiStream, validateOpenaiStream, type UpstreamFault } from '@fluxcore/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { callCounts, cleanup, clientOf, openaiBody, openaiProvider, poolOf, provider, until, type ProviderSpec } from './__fixtures__/harness.js';
import { CallError } from './call-error.js';
import { requestStream, type StreamResult } from './stream.js';

afterEach(cleanup);

const CHEAP_TEXT = 'The cheap endpoint answers here.';
const DEAR_TEXT = 'The dear endpoint answers instead.';

async function twoProviders(overrides: Partial<ProviderSpec> = {}) {
  const cheap = await openaiProvider({ id: 1, inputPrice: 0.1, outputPrice: 0.4, scenario: { text: CHEAP_TEXT }, ...overrides });
  const dear = await openaiProvider({ id: 2, inputPrice: 1, outputPrice: 4, scenario: { text: DEAR_TEXT }, ...overrides });
  return { cheap, dear };
}

async function readAll(stream: StreamResult): Promise<string> {
  let wire = '';
  for await (const chunk of stream) wire += chunk;
  return wire;
}

const streamBody = openaiBody({ stream: true });

describe('requestStream: a clean stream', () => {
  it('streams the answer in the caller protocol, in its grammar', async () => {
    const { cheap, dear } = await twoProviders();
    const stream = await requestStream(poolOf([cheap, dear]), streamBody, openai);
    expect(stream.contentType).toBe('text/event-stream');
    expect(stream.endpoint).toBe(cheap.endpoint);
    const result = validateOpenaiStream(await readAll(stream));
    expect(result.errors).toEqual([]);
    expect(result.text).toBe(CHEAP_TEXT);
    expect(result.endedWithError).toBe(false);
    expect(stream.attempts).toMatchObject([{ endpointId: 1, status: 200 }]);
    expect(cheap.endpoint.latencyMs).toBeTypeOf('number');
  });

  it('asks an OpenAI upstream for stream usage even when the client did not', async () => {
    const { cheap } = await twoProviders();
    const stream = await requestStream(poolOf([cheap]), streamBody, openai);
    const result = validateOpenaiStream(await readAll(stream));
    expect(cheap.upstream.calls[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(result.usage).toBeUndefined();
    expect((await stream.usage).isAccurate).toBe(true);
  });

  it('can be iterated only once', async () => {
    const { cheap } = await twoProviders();
    const stream = await requestStream(poolOf([cheap]), streamBody, openai);
    await readAll(stream);
    await expect(readAll(stream)).rejects.toThrow('only once');
  });
});

describe('requestStream: failover', () => {
  it('rejects with a CallError when every attempt fails before a success status', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'http-error', status: 500 });
    dear.upstream.setFault({ type: 'http-error', status: 529 });
    const error = await requestStream(poolOf([cheap, dear], { retries: 1 }), streamBody, openai).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallError);
    expect((error as CallError).attempts.map((a) => [a.endpointId, a.status])).toEqual([
      [1, 500],
      [2, 529],
    ]);
  });

  it.each<[string, UpstreamFault]>([
    ['a reset', { type: 'reset', afterFrames: 1 }],
    ['a truncated stream', { type: 'truncate', afterFrames: 1 }],
    ['a malformed frame', { type: 'malformed-stream', afterFrames: 1 }],
    ['an in-stream error', { type: 'stream-error', afterFrames: 1, kind: 'overloaded' }],
  ])('fails over invisibly on %s before any content', async (_name, fault) => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault(fault);
    const stream = await requestStream(poolOf([cheap, dear]), streamBody, openai);
    const result = validateOpenaiStream(await readAll(stream));
    expect(result.errors).toEqual([]);
    expect(result.text).toBe(DEAR_TEXT);
    expect(result.endedWithError).toBe(false);
    expect(stream.endpoint).toBe(dear.endpoint);
    expect(stream.attempts.map((a) => a.endpointId)).toEqual([1, 2]);
    expect(stream.attempts[0]!.category).toBeDefined();
    expect(cheap.endpoint.consecutiveFailures).toBe(1);
  });

  it.each<[string, UpstreamFault]>([
    ['a reset', { type: 'reset', afterFrames: 3 }],
    ['a truncated stream', { type: 'truncate', afterFrames: 3 }],
    ['an in-stream error', { type: 'stream-error', afterFrames: 3, kind: 'server' }],
  ])('ends with the protocol error signal on %s after content, and counts it against the endpoint', async (_name, fault) => {
    // Paced frames: content reaches the caller before the fault strikes.
    const { cheap, dear } = await twoProviders({ frameDelayMs: 10 });
    cheap.upstream.setFault(fault);
    const stream = await requestStream(poolOf([cheap, dear]), streamBody, openai);
    const result = validateOpenaiStream(await readAll(stream));
    expect(result.errors).toEqual([]);
    expect(result.endedWithError).toBe(true);
    expect(result.text).toMatch(/^The /);
    expect(CHEAP_TEXT.startsWith(result.text)).toBe(true);
    expect(callCounts([cheap, dear])).toEqual({ 1: 1, 2: 0 });
    expect(stream.attempts).toMatchObject([{ endpointId: 1, status: 200, category: expect.any(String) as string }]);
    expect(cheap.endpoint.consecutiveFailures).toBe(1);
    const usage = await stream.usage;
    expect(usage.isAccurate).toBe(false);
    expect(usage.outputTokens).toBeGreaterThan(0);
  });

  it('throws the CallError before yielding anything when every failover attempt after the success status fails too', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'reset', afterFrames: 1 });
    dear.upstream.setFault({ type: 'http-error', status: 503 });
    const stream = await requestStream(poolOf([cheap, dear], { retries: 1 }), streamBody, openai);
    const iterator = stream[Symbol.asyncIterator]();
    const error = await iterator.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallError);
    expect(error).toMatchObject({ category: 'overloaded', upstreamStatus: 503 });
    expect((error as CallError).attempts.map((a) => a.status)).toEqual([200, 503]);
    expect(stream.attempts.map((a) => a.status)).toEqual([200, 503]);
    expect((await stream.usage).outputTokens).toBe(0);
  });

  it('fails over on a 404 for the model the endpoint names', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'http-error', status: 404 });
    const stream = await requestStream(poolOf([cheap, dear]), streamBody, openai);
    expect(validateOpenaiStream(await readAll(stream)).text).toBe(DEAR_TEXT);
    expect(stream.attempts).toMatchObject([
      { endpointId: 1, status: 404, category: 'not_found' },
      { endpointId: 2, status: 200 },
    ]);
    expect(cheap.endpoint.consecutiveFailures).toBe(1);
  });

  it('fails over when the upstream exceeds the response cap before content', async () => {
    const { cheap, dear } = await twoProviders();
    const client = clientOf(poolOf([cheap, dear]), { maxResponseBytes: 64 * 1024 });
    cheap.upstream.setFault({ type: 'oversized', bytes: 8 * 1024 * 1024 });
    const stream = await requestStream(client, streamBody, openai);
    expect(validateOpenaiStream(await readAll(stream)).text).toBe(DEAR_TEXT);
    expect(stream.attempts[0]).toMatchObject({ endpointId: 1, category: 'upstream_protocol' });
  });
});

describe('requestStream: content the caller protocol holds back', () => {
  it('fails over when an upstream breaks inside a tool call that a Gemini client has not been sent yet', async () => {
    const call = { id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } };
    const { cheap, dear } = await twoProviders({ scenario: { toolCalls: [call], chunkSize: 3 } });
    cheap.upstream.setFault({ type: 'truncate', afterFrames: 3 });
    const body = { contents: [{ role: 'user', parts: [{ text: 'Weather in Paris?' }] }] };
    const stream = await requestStream(poolOf([cheap, dear]), body, gemini, { route: { model: 'gemini-test', stream: true } });
    const result = validateGeminiStream(await readAll(stream));
    expect(result.errors).toEqual([]);
    expect(result.endedWithError).toBe(false);
    expect(result.toolCalls).toMatchObject([{ name: 'get_weather', arguments: '{"city":"Paris"}' }]);
    expect(stream.attempts).toMatchObject([
      { endpointId: 1, category: 'upstream_protocol' },
      { endpointId: 2, status: 200 },
    ]);
  });
});

describe('requestStream: timeouts', () => {
  it('fails over when the first byte is too slow', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'slow-first-byte', delayMs: 5_000 });
    const stream = await requestStream(poolOf([cheap, dear]), streamBody, openai, { timeouts: { firstByteMs: 150 } });
    expect(validateOpenaiStream(await readAll(stream)).text).toBe(DEAR_TEXT);
    expect(stream.attempts[0]).toMatchObject({ endpointId: 1, category: 'timeout' });
  });

  it('fails over when the first token is too slow, even with lifecycle frames and keep-alives flowing', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'slow-first-token', delayMs: 5_000, keepAliveMs: 50 });
    const stream = await requestStream(poolOf([cheap, dear]), streamBody, openai, { timeouts: { firstByteMs: 200, idleMs: 1_000, totalMs: 1_500 } });
    const result = validateOpenaiStream(await readAll(stream));
    expect(result.errors).toEqual([]);
    expect(result.text).toBe(DEAR_TEXT);
    expect(stream.attempts[0]).toMatchObject({ endpointId: 1, status: 200, category: 'timeout' });
    expect(cheap.endpoint.consecutiveFailures).toBe(1);
    await cheap.upstream.calls[0]!.done;
    expect(cheap.upstream.calls[0]!.aborted).toBe(true);
  });

  it('stops the first-token deadline at the first content: a stream outlasting it is not cut', async () => {
    const { cheap } = await twoProviders({ frameDelayMs: 30, scenario: { text: CHEAP_TEXT, chunkSize: 3 } });
    const stream = await requestStream(poolOf([cheap]), streamBody, openai, { timeouts: { firstByteMs: 150 } });
    const result = validateOpenaiStream(await readAll(stream));
    expect(result.endedWithError).toBe(false);
    expect(result.text).toBe(CHEAP_TEXT);
  });

  it('stops the first-token deadline at the first content even while the caller protocol holds it back (a Gemini tool call)', async () => {
    const call = { id: 'call_1', name: 'get_weather', arguments: { city: 'Paris', days: 3, units: 'metric' } };
    const { cheap } = await twoProviders({ frameDelayMs: 30, scenario: { toolCalls: [call], chunkSize: 3 } });
    const body = { contents: [{ role: 'user', parts: [{ text: 'Weather in Paris?' }] }] };
    const stream = await requestStream(poolOf([cheap]), body, gemini, { route: { model: 'gemini-test', stream: true }, timeouts: { firstByteMs: 150 } });
    const result = validateGeminiStream(await readAll(stream));
    expect(result.endedWithError).toBe(false);
    expect(result.toolCalls).toMatchObject([{ name: 'get_weather' }]);
    expect(stream.attempts).toMatchObject([{ endpointId: 1, status: 200 }]);
  });

  it('fails over when the stream goes idle before content', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'stall', afterFrames: 1 });
    const stream = await requestStream(poolOf([cheap, dear]), streamBody, openai, { timeouts: { idleMs: 150 } });
    expect(validateOpenaiStream(await readAll(stream)).text).toBe(DEAR_TEXT);
    expect(stream.attempts[0]).toMatchObject({ endpointId: 1, status: 200, category: 'timeout' });
    await cheap.upstream.calls[0]!.done;
    expect(cheap.upstream.calls[0]!.aborted).toBe(true);
  });

  it('ends the stream with the error signal when it goes idle after content', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'stall', afterFrames: 3 });
    const stream = await requestStream(poolOf([cheap, dear]), streamBody, openai, { timeouts: { idleMs: 150 } });
    const result = validateOpenaiStream(await readAll(stream));
    expect(result.endedWithError).toBe(true);
    expect(stream.attempts).toMatchObject([{ endpointId: 1, category: 'timeout' }]);
    expect(dear.upstream.calls).toHaveLength(0);
  });

  it('throws a timeout CallError when the total timeout passes after a success status but before any content', async () => {
    const { cheap, dear } = await twoProviders();
    cheap.upstream.setFault({ type: 'slow-first-token', delayMs: 5_000 });
    const stream = await requestStream(poolOf([cheap, dear]), streamBody, openai, { timeouts: { totalMs: 300 } });
    const error = await readAll(stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallError);
    expect(error).toMatchObject({ category: 'timeout', message: expect.stringContaining('total timeout') as unknown });
    expect(dear.upstream.calls).toHaveLength(0);
    expect(cheap.endpoint.consecutiveFailures).toBe(0);
  });

  it('ends the stream with the error signal at the total timeout', async () => {
    const { cheap } = await twoProviders({ frameDelayMs: 50, scenario: { text: 'x'.repeat(400), chunkSize: 4 } });
    const stream = await requestStream(poolOf([cheap]), streamBody, openai, { timeouts: { totalMs: 300 } });
    const result = validateOpenaiStream(await readAll(stream));
    expect(result.endedWithError).toBe(true);
    expect(result.text.length).toBeGreaterThan(0);
    expect(cheap.endpoint.consecutiveFailures).toBe(0);
  });
});

describe('requestStream: an upstream that holds the connection open after its finish', () => {
  const geminiBody = { contents: [{ role: 'user', parts: [{ text: 'Spell it.' }] }] };
  const geminiRoute = { model: 'gemini-test', stream: true };

  async function stallingGemini() {
    const only = await provider({
      id: 1,
      protocol: gemini,
      simulator: geminiSimulator,
      inputPrice: 1,
      outputPrice: 1,
      scenario: { text: 'abcdefgh', chunkSize: 4, usage: { inputTokens: 5, outputTokens: 2 } },
    });
    only.upstream.setFault({ type: 'stall', afterFrames: 2 });
    return only;
  }

  it('ends a same-protocol stream cleanly, as a success, with no error signal after the finish', async () => {
    const only = await stallingGemini();
    const stream = await requestStream(poolOf([only]), geminiBody, gemini, { route: geminiRoute, timeouts: { idleMs: 100 } });
    const result = validateGeminiStream(await readAll(stream));
    expect(result).toMatchObject({ errors: [], text: 'abcdefgh', endedWithError: false });
    expect(stream.attempts).toEqual([expect.not.objectContaining({ category: expect.anything() as unknown })]);
    expect(only.endpoint.consecutiveFailures).toBe(0);
    expect(await stream.usage).toMatchObject({ inputTokens: 5, outputTokens: 2, isAccurate: true });
  });

  it('ends a converted stream cleanly, with no error signal after the finish', async () => {
    const only = await stallingGemini();
    const stream = await requestStream(poolOf([only]), streamBody, openai, { timeouts: { idleMs: 100 } });
    const result = validateOpenaiStream(await readAll(stream));
    expect(result).toMatchObject({ errors: [], text: 'abcdefgh', endedWithError: false });
    expect(only.endpoint.consecutiveFailures).toBe(0);
  });
});

describe('requestStream: cancellation and backpressure', () => {
  it('propagates a caller abort mid-stream upstream within 100 ms and throws canceled', async () => {
    const { cheap } = await twoProviders();
    cheap.upstream.setFault({ type: 'stall', afterFrames: 3 });
    const controller = new AbortController();
    const stream = await requestStream(poolOf([cheap]), streamBody, openai, { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    const pending = iterator.next();
    const abortedAt = Date.now();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ category: 'canceled' });
    const call = cheap.upstream.calls[0]!;
    await call.done;
    expect(call.aborted).toBe(true);
    expect(call.closedAt! - abortedAt).toBeLessThan(100);
    expect(cheap.endpoint.consecutiveFailures).toBe(0);
    expect(stream.attempts[0]).toMatchObject({ category: 'canceled' });
  });

  it('aborts the upstream within 100 ms when the consumer leaves the loop early', async () => {
    const { cheap } = await twoProviders({ scenario: { text: 'y'.repeat(200) }, frameDelayMs: 20 });
    const stream = await requestStream(poolOf([cheap]), streamBody, openai);
    let leftAt = 0;
    for await (const chunk of stream) {
      if (chunk.includes('yyyy')) {
        leftAt = Date.now();
        break;
      }
    }
    const call = cheap.upstream.calls[0]!;
    await call.done;
    expect(call.aborted).toBe(true);
    expect(call.closedAt! - leftAt).toBeLessThan(100);
    expect((await stream.usage).isAccurate).toBe(false);
  });

  it('aborts the upstream on cancel() before iteration, and still resolves usage', async () => {
    const { cheap } = await twoProviders();
    cheap.upstream.setFault({ type: 'stall', afterFrames: 1 });
    const stream = await requestStream(poolOf([cheap]), streamBody, openai);
    stream.cancel();
    stream.cancel();
    await cheap.upstream.calls[0]!.done;
    expect(cheap.upstream.calls[0]!.aborted).toBe(true);
    expect((await stream.usage).outputTokens).toBe(0);
    await expect(readAll(stream)).rejects.toMatchObject({ category: 'canceled' });
  });

  it("leaves a paused reader's upstream paused by TCP instead of buffering the whole stream", async () => {
    const size = 16 * 1024 * 1024;
    const { cheap } = await twoProviders({ scenario: { text: 'z'.repeat(size), chunkSize: 64 * 1024 } });
    const stream = await requestStream(poolOf([cheap]), streamBody, openai);
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    const call = cheap.upstream.calls[0]!;
    await until(() => call.backpressured);
    expect(call.bytesSent).toBeLessThan(size / 4);
    await iterator.return?.();
    await call.done;
    expect(call.aborted).toBe(true);
  });
});

describe('requestStream: attempt timing', () => {
  it("counts waits for the upstream's frames in upstreamMs while the stream runs, and not the consumer's own time", async () => {
    const slow = await openaiProvider({ scenario: { text: CHEAP_TEXT }, frameDelayMs: 30 });
    const stream = await requestStream(poolOf([slow]), streamBody, openai);
    const atHeaders = stream.attempts[0]!.upstreamMs!;
    let consumerMs = 0;
    let first = true;
    for await (const _chunk of stream) {
      if (!first) continue;
      // The consumer dawdles once; after that it reads at once, so it waits on every later frame.
      first = false;
      const since = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 60));
      consumerMs += performance.now() - since;
    }
    const [attempt] = stream.attempts;
    // Later frames come every 30 ms and the consumer is waiting for them: that is upstream time.
    expect(attempt!.upstreamMs).toBeGreaterThan(atHeaders + 30);
    expect(attempt!.upstreamMs).toBeLessThan(attempt!.durationMs - consumerMs / 2);
  });
});
