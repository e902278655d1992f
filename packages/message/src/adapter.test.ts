import { FluxError } from '@fluxcore/errors';
import { describe, expect, it } from 'vitest';
import type { ProtocolAdapter, StreamDecoder } from './adapter.js';
import type { ChatRequest } from './request.js';
import { SseDecoder, encodeSse } from './sse.js';
import type { StreamEvent } from './stream-event.js';

/**
 * A third-party protocol written only against the public contract: `{ prompt }` in,
 * `{ text }` out, SSE frames of `{ delta }` for streams.
 */
const toy: ProtocolAdapter = {
  name: 'toy',
  family: 'toy',
  streamContentType: 'text/event-stream',
  parseRequest(body, options) {
    const prompt = (body as { prompt?: unknown } | null)?.prompt;
    if (typeof prompt !== 'string') throw new FluxError({ category: 'invalid_request', message: 'prompt: expected a string', param: 'prompt' });
    return { model: options?.model ?? 'toy-1', messages: [{ role: 'user', content: [{ type: 'text', text: prompt }] }], stream: options?.stream ?? false };
  },
  formatResponse: (response) => ({ text: response.content.map((p) => (p.type === 'text' ? p.text : '')).join('') }),
  createStreamEncoder: () => ({
    encode: (event) => (event.type === 'text-delta' ? encodeSse(JSON.stringify({ delta: event.text })) : ''),
    fail: (error) => encodeSse(JSON.stringify({ error: error.message }), 'error'),
  }),
  formatError: (error) => ({ status: error.status, body: { error: error.message } }),
  buildRequest: (request, target) => ({
    url: `${target.baseURL}/generate`,
    method: 'POST',
    headers: { authorization: `Bearer ${target.apiKey}`, ...target.headers },
    body: JSON.stringify({ model: target.model, prompt: request.messages.flatMap((m) => m.content.map((p) => ('text' in p ? p.text : ''))).join('') }),
  }),
  buildPassthroughRequest: (body, target) => ({
    url: `${target.baseURL}/generate`,
    method: 'POST',
    headers: {},
    body: JSON.stringify({ ...body, model: target.model }),
  }),
  parseResponse: (body) => ({ id: 'toy', model: 'toy-1', content: [{ type: 'text', text: String((body as { text?: unknown }).text) }], finishReason: 'stop' }),
  createStreamDecoder(): StreamDecoder {
    const sse = new SseDecoder();
    let index = 0;
    const toEvents = (frames: Array<{ data: string }>): StreamEvent[] =>
      frames.map((frame) => ({ type: 'text-delta', index, text: (JSON.parse(frame.data) as { delta: string }).delta }));
    return { push: (chunk) => toEvents(sse.push(chunk)), end: () => toEvents(sse.end()) };
  },
  parseError: (status, body) => new FluxError({ category: status === 429 ? 'rate_limit' : 'server', message: body, upstreamStatus: status }),
};

describe('ProtocolAdapter contract', () => {
  it('can be implemented by a third party and round-trips a request', () => {
    const request: ChatRequest = toy.parseRequest({ prompt: 'Hello world!' });
    const upstream = toy.buildRequest(request, { baseURL: 'http://127.0.0.1:1', apiKey: 'k', model: 'toy-1', stream: false });
    expect(toy.parseRequest(JSON.parse(upstream.body))).toEqual(request);
  });

  it('round-trips a stream through its encoder and decoder', () => {
    const events: StreamEvent[] = [
      { type: 'text-delta', index: 0, text: 'Hel' },
      { type: 'text-delta', index: 0, text: 'lo\nworld' },
    ];
    const encoder = toy.createStreamEncoder({ request: toy.parseRequest({ prompt: 'hi' }) });
    const decoder = toy.createStreamDecoder();
    const wire = new TextEncoder().encode(events.map((e) => encoder.encode(e)).join(''));
    expect([...decoder.push(wire), ...decoder.end()]).toEqual(events);
  });

  it('reports bad input as a FluxError naming the field', () => {
    expect(() => toy.parseRequest({})).toThrow(expect.objectContaining({ category: 'invalid_request', param: 'prompt' }));
  });
});
