import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ flaky: { protocol: 'gemini', inputPrice: 1, outputPrice: 1, frameDelayMs: 20 } });
});
afterAll(() => h.close());

describe('a stream that breaks after content reached the client', () => {
  it('ends with the caller protocol error signal (never a clean end) and is counted as a failure of its endpoint', async () => {
    h.upstreams.flaky!.setFault({ type: 'stream-error', afterFrames: 3, kind: 'server', times: 1 });
    const res = await fetch(`${h.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'flaky', stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-fluxcore-endpoint')).toBe('flaky');
    const text = await res.text();
    expect(text).toContain('"delta":{"content":"Hell"}');
    expect(text).toContain('"error"');
    expect(text).not.toContain('[DONE]');
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/fluxcore_failures_total\{route="\/v1\/chat\/completions",endpoint="flaky",category="\w+"\} 1/);
    await expect.poll(() => h.logs.some((line) => line.includes('"msg":"request failed"') && line.includes('"stream":true'))).toBe(true);
  });
});
