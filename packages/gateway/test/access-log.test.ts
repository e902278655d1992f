import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const chat = { model: 'test-model', messages: [{ role: 'user', content: 'Hi' }] };
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

function post(url: string): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chat) });
}

describe('access log at level warn', () => {
  it('writes no line for an answered request, and a warn line for a failed one', async () => {
    h = await startHarness({ only: { protocol: 'openai', inputPrice: 1, outputPrice: 1 } }, { log: { level: 'warn' }, retries: 0 });
    expect((await post(h.url)).status).toBe(200);
    h.upstreams.only!.setFault({ type: 'http-error', status: 500 });
    expect((await post(h.url)).status).toBe(502);
    await expect.poll(() => h!.logs.some((line) => line.includes('"msg":"request failed"')), { timeout: 2_000 }).toBe(true);
    expect(h.logs.filter((line) => line.includes('"msg":"request"'))).toEqual([]);
    expect(h.logs.find((line) => line.includes('"msg":"request failed"'))).toContain('"level":40');
  });
});
