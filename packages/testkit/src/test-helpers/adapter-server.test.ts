import { FluxError } from '@fluxcore/errors';
import type { FormattedError, StreamEvent } from '@fluxcore/message';
import { afterEach, describe, expect, it } from 'vitest';
import { sendEvents, sendJson, startAdapterServer, type AdapterServer } from './adapter-server.js';
import { textEvents } from './stream-events.js';

/** Formats an error as `{ category, message }` with its status, the way a protocol adapter would in its own shape. */
const toy = {
  streamContentType: 'text/plain',
  formatError: (error: FluxError): FormattedError => ({ status: error.status, body: { category: error.category, message: error.message } }),
  createStreamEncoder: () => ({
    encode: (event: StreamEvent) => (event.type === 'text-delta' ? `${event.text}|` : ''),
    fail: (error: FluxError) => `failed: ${error.message}`,
  }),
};

let server: AdapterServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const post = (body: string) => fetch(`${server!.url}/chat`, { method: 'POST', body });

describe('startAdapterServer', () => {
  it('hands the handler each request with its whole body', async () => {
    server = await startAdapterServer(toy, ({ req, body, res }) => sendJson(res, 200, { path: req.url, body }));
    const res = await post('{"hello":"wörld"}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ path: '/chat', body: '{"hello":"wörld"}' });
  });

  it('answers a FluxError the handler throws as the adapter formats it', async () => {
    server = await startAdapterServer(toy, () => {
      throw new FluxError({ category: 'invalid_request', message: 'messages: expected an array' });
    });
    const res = await post('{}');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ category: 'invalid_request', message: 'messages: expected an array' });
  });

  it('answers any other error as a server error', async () => {
    server = await startAdapterServer(toy, ({ body }) => {
      JSON.parse(body);
    });
    const res = await post('{not json');
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ category: 'server' });
  });
});

describe('sendEvents', () => {
  it("streams the events in the encoder's text and ends with its fail when given an error", async () => {
    const request = { messages: [], stream: true };
    server = await startAdapterServer(toy, async ({ body, res }) => {
      const failWith = body === 'fail' ? new FluxError({ category: 'overloaded', message: 'busy' }) : undefined;
      await sendEvents(res, toy, request, textEvents(0, 'a', 'b'), failWith);
    });
    const ok = await post('');
    expect(ok.headers.get('content-type')).toBe('text/plain');
    expect(await ok.text()).toBe('a|b|');
    expect(await (await post('fail')).text()).toBe('a|b|failed: busy');
  });
});
