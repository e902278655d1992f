import { anthropic } from '@fluxcore/anthropic';
import type { ProtocolAdapter } from '@fluxcore/message';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const openaiChat = { model: 'test-model', messages: [{ role: 'user', content: 'Hi' }] };

function post(path: string, body: unknown): Promise<Response> {
  return fetch(h!.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function overheadOf(res: Response): number {
  return Number(res.headers.get('x-fluxcore-overhead-ms'));
}

/** Keep the CPU busy, as a slow conversion would. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('x-fluxcore-overhead-ms', () => {
  it.each([false, true])('leaves out a Retry-After sleep between attempts (stream: %s)', async (stream) => {
    h = await startHarness({ only: { protocol: 'openai', inputPrice: 1, outputPrice: 1 } });
    h.upstreams.only!.setFault({ type: 'http-error', status: 429, retryAfter: 0.3, times: 1 });
    const res = await post('/v1/chat/completions', { ...openaiChat, stream });
    expect(res.status).toBe(200);
    await res.text();
    expect(h.upstreams.only!.calls).toHaveLength(2);
    expect(overheadOf(res)).toBeLessThan(150);
  });

  it('includes the time spent converting the answer for the caller', async () => {
    const slowAnthropic: ProtocolAdapter = {
      ...anthropic,
      formatResponse: (response, context) => {
        busy(80);
        return anthropic.formatResponse(response, context);
      },
    };
    h = await startHarness({ only: { protocol: 'openai', inputPrice: 1, outputPrice: 1 } }, { protocols: { anthropic: slowAnthropic } });
    const res = await post('/v1/messages', { ...openaiChat, max_tokens: 20 });
    expect(res.status).toBe(200);
    expect(overheadOf(res)).toBeGreaterThanOrEqual(75);
  });

  it('is also what the overhead histogram records, for a stream measured to its end', async () => {
    h = await startHarness({ only: { protocol: 'openai', inputPrice: 1, outputPrice: 1, frameDelayMs: 20 } });
    h.upstreams.only!.setFault({ type: 'http-error', status: 429, retryAfter: 0.3, times: 1 });
    const res = await post('/v1/chat/completions', { ...openaiChat, stream: true });
    await res.text();
    await expect.poll(() => h!.logs.some((line) => line.includes('"msg":"request"'))).toBe(true);
    const line = JSON.parse(h.logs.find((l) => l.includes('"msg":"request"'))!) as { overheadMs: number; durationMs: number };
    // The stream's frames come every 20 ms and a 300 ms sleep precedes it: neither is overhead.
    expect(line.durationMs).toBeGreaterThan(300);
    expect(line.overheadMs).toBeLessThan(150);
  });
});
