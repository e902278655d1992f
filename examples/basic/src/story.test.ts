import { closePool } from '@fluxcore/call';
import { afterEach, describe, expect, it } from 'vitest';
import { createPool } from './pool.js';
import { startSimulatedProviders, type SimulatedProviders } from './providers.js';
import { answerText } from './report.js';
import { runBasicStory, type BasicOutcome } from './story.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function runStory(): Promise<{ outcome: BasicOutcome; lines: string[]; providers: SimulatedProviders }> {
  const providers = await startSimulatedProviders();
  const pool = createPool(providers.access);
  cleanup = async () => {
    await closePool(pool);
    await providers.close();
  };
  const lines: string[] = [];
  const outcome = await runBasicStory(pool, providers, (line) => lines.push(line));
  return { outcome, lines, providers };
}

describe('the basic example', () => {
  it('is answered by the endpoint cheapest for the request, with the usage the provider reported and its cost', async () => {
    const { outcome } = await runStory();
    const res = outcome.cheapest;
    expect(res.endpoint.id).toBe(1);
    expect(answerText(res.body)).toBe('Hello from the simulated openai provider.');
    expect(res.attempts.map((a) => [a.endpointId, a.status])).toEqual([[1, 200]]);
    expect(res.usage).toMatchObject({ inputTokens: 14, outputTokens: 9, totalTokens: 23, isAccurate: true });
    expect(res.usage.cost).toBeCloseTo((14 * 0.4 + 9 * 1.6) / 1e6, 12);
  });

  it('fails over to the next cheapest endpoint and still answers in the OpenAI format', async () => {
    const { outcome, providers } = await runStory();
    const res = outcome.failover;
    expect(res.attempts.map((a) => [a.endpointId, a.status])).toEqual([
      [1, 503],
      [3, 200],
    ]);
    expect(res.endpoint.key.protocol.name).toBe('gemini');
    expect(res.body.object).toBe('chat.completion');
    expect(answerText(res.body)).toBe('Hello from the simulated gemini provider.');
    expect(providers.upstreams.anthropic.calls).toHaveLength(0);
  });

  it('rejects a request without messages with a FluxError that names the field', async () => {
    const { outcome } = await runStory();
    expect(outcome.invalid.category).toBe('invalid_request');
    expect(outcome.invalid.param).toBe('messages');
  });

  it('prints who answered each request and what it cost', async () => {
    const { lines } = await runStory();
    const text = lines.join('\n');
    expect(text).toContain('endpoint  #1 openai gpt-4.1-mini');
    expect(text).toContain('attempts  #1 openai 503 overloaded');
    expect(text).toContain('→ #3 gemini 200');
    expect(text).toContain('(reported by the provider), $0.0000200');
    expect(text).toContain('answer    HTTP 400');
  });
});
