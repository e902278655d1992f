import { closePool } from '@fluxcore/call';
import { validateAnthropicStream } from '@fluxcore/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from './pool.js';
import { startSimulatedProviders, type SimulatedProviders } from './providers.js';
import { runStreamingStory, type StreamOutcome } from './story.js';

let providers: SimulatedProviders;
let outcomes: StreamOutcome[];
let printed = '';

beforeAll(async () => {
  providers = await startSimulatedProviders();
  const pool = createPool(providers.access);
  try {
    outcomes = await runStreamingStory(pool, providers, { line: (text) => (printed += `${text}\n`), text: (text) => (printed += text) });
  } finally {
    await closePool(pool);
  }
});
afterAll(() => providers.close());

describe('the streaming example', () => {
  it('serves an Anthropic client from the cheapest endpoint with a stream the Anthropic grammar accepts', () => {
    const [plain] = outcomes;
    const grammar = validateAnthropicStream(plain!.reader.wire);
    expect(grammar.errors).toEqual([]);
    expect(grammar.endedWithError).toBe(false);
    expect(grammar.text).toBe('Hello from the simulated openai provider, streamed in small pieces.');
    expect(plain!.endpoint.key.protocol.name).toBe('openai');
    expect(plain!.usage).toMatchObject({ inputTokens: 18, outputTokens: 13, isAccurate: true });
    expect(plain!.usage.firstTokenMs).toBeGreaterThanOrEqual(0);
  });

  it('fails over before content without the client seeing anything of the failed attempt', () => {
    const failover = outcomes[1]!;
    const grammar = validateAnthropicStream(failover.reader.wire);
    expect(grammar.errors).toEqual([]);
    expect(grammar.text).toBe('Hello from the simulated gemini provider, streamed in small pieces.');
    expect(failover.reader.events.filter((name) => name === 'message_start')).toHaveLength(1);
    expect(failover.attempts.map((a) => [a.endpointId, a.category])).toEqual([
      [1, 'network'],
      [3, undefined],
    ]);
  });

  it("ends a stream that broke after content with Anthropic's error event", () => {
    const broken = outcomes[2]!;
    const grammar = validateAnthropicStream(broken.reader.wire);
    expect(grammar.endedWithError).toBe(true);
    expect(broken.reader.events.at(-1)).toBe('error');
    expect(broken.reader.text.length).toBeGreaterThan(0);
    expect('Hello from the simulated openai provider, streamed in small pieces.'.startsWith(broken.reader.text)).toBe(true);
    expect(providers.upstreams.gemini.calls).toHaveLength(1);
  });

  it('prints the streamed text, the wire events and who served each stream', () => {
    expect(printed).toContain('text      Hello from the simulated openai provider, streamed in small pieces.');
    expect(printed).toContain('wire      message_start → content_block_start → content_block_delta');
    expect(printed).toContain('attempts  #1 openai 200 network → #3 gemini 200');
    expect(printed).toContain("error     the stream ended with Anthropic's error event");
  });
});
