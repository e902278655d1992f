import type { FluxError } from '@fluxcore/errors';
import type { StreamEvent } from '@fluxcore/message';
import { assertAnyCutDecodesAlike, decodeInPieces, fluxErrorOf, reasoningEvents } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { fixtureJson, fixtureText } from './__fixtures__/load.js';
import { gemini } from './adapter.js';

const encoder = new TextEncoder();

const decode = (wire: string): StreamEvent[] => decodeInPieces(gemini.createStreamDecoder(), wire);
const failure = (wire: string): FluxError => fluxErrorOf(() => decode(wire));

describe('gemini stream decoder', () => {
  it('decodes thoughts and parallel calls without ids, with running usage and the finish last', () => {
    const events = decode(fixtureText('stream-parallel-calls.sse'));
    const calls = events.filter((event) => event.type === 'tool-call-start');
    expect(events.filter((event) => event.type !== 'usage')).toEqual([
      { type: 'start', id: 'resp-weather-1', model: 'gemini-2.5-flash' },
      ...reasoningEvents(0, ['Comparing the two ', 'cities first.']),
      { type: 'tool-call-start', index: 1, id: calls[0]?.type === 'tool-call-start' ? calls[0].id : '', name: 'get_weather' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"city":"Oslo"}' },
      { type: 'tool-call-end', index: 1, signature: { family: 'gemini', value: 'c2lnLWNhbGwtMQ==' } },
      { type: 'tool-call-start', index: 2, id: calls[1]?.type === 'tool-call-start' ? calls[1].id : '', name: 'get_weather' },
      { type: 'tool-call-delta', index: 2, argumentsDelta: '{"city":"Bergen"}' },
      { type: 'tool-call-end', index: 2 },
      {
        type: 'finish',
        finishReason: 'tool_calls',
        rawFinishReason: 'STOP',
        usage: { inputTokens: 120, cachedInputTokens: 100, outputTokens: 58, reasoningTokens: 40 },
      },
    ]);
    expect(events.filter((event) => event.type === 'usage').map((event) => event.type === 'usage' && event.usage.outputTokens)).toEqual([20, 40, 58]);
  });

  it('gives calls the same ids as the non-streamed form of the same answer', () => {
    const streamed = decode(fixtureText('stream-parallel-calls.sse')).flatMap((event) => (event.type === 'tool-call-start' ? [event.id] : []));
    const complete = gemini.parseResponse(fixtureJson('response-parallel-calls.json')).content.flatMap((part) => (part.type === 'tool-call' ? [part.id] : []));
    expect(streamed).toEqual(complete);
    expect(new Set(streamed).size).toBe(2);
  });

  it('reads CRLF framing, multi-byte text, and a signature on an empty last part', () => {
    const events = decode(fixtureText('stream-text-crlf.sse')).filter((event) => event.type !== 'usage');
    expect(events).toEqual([
      { type: 'start', id: 'resp-text-1', model: 'gemini-3-pro-preview' },
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, text: 'Oslo is ' },
      { type: 'text-delta', index: 0, text: 'cold today. æøå ❄' },
      { type: 'text-end', index: 0, signature: { family: 'gemini', value: 'c2lnLXRleHQ=' } },
      { type: 'finish', finishReason: 'length', rawFinishReason: 'MAX_TOKENS', usage: { inputTokens: 9, outputTokens: 5 } },
    ]);
  });

  it('handles a final chunk that has a finishReason and no content', () => {
    const events = decode(fixtureText('stream-finish-only.sse'));
    expect(events.at(-2)).toEqual({ type: 'text-end', index: 0 });
    expect(events.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'content_filter',
      rawFinishReason: 'RECITATION',
      usage: { inputTokens: 3, outputTokens: 2 },
    });
  });

  it('ends a prompt blocked in the stream with content_filter', () => {
    const events = decode(fixtureText('stream-blocked.sse'));
    expect(events.map((event) => event.type)).toEqual(['start', 'usage', 'finish']);
    expect(events.at(-1)).toMatchObject({ finishReason: 'content_filter', rawFinishReason: 'PROHIBITED_CONTENT' });
  });

  it('throws the classified error sent inside the stream', () => {
    const decoder = gemini.createStreamDecoder();
    const [first, second] = fixtureText('stream-error-midway.sse').split(/(?<=\n\n)/);
    expect(decoder.push(encoder.encode(first)).map((event) => event.type)).toEqual(['start', 'text-start', 'text-delta']);
    expect(fluxErrorOf(() => decoder.push(encoder.encode(second)))).toMatchObject({
      category: 'overloaded',
      upstreamStatus: 503,
      providerCode: 'UNAVAILABLE',
      message: 'The model is overloaded. Please try again later.',
    });
  });

  it('throws upstream_protocol for a stream cut before its finishReason', () => {
    const truncated = fixtureText('stream-parallel-calls.sse').split('\n\n').slice(0, 2).join('\n\n');
    expect(failure(truncated)).toMatchObject({ category: 'upstream_protocol', message: expect.stringContaining('without a finishReason') });
  });

  it('throws upstream_protocol for an empty stream, bad JSON and a malformed part', () => {
    expect(failure('').message).toContain('before any chunk');
    expect(failure('data: {"candidates": [\n\n').category).toBe('upstream_protocol');
    expect(failure('data: {"candidates":[{"content":{"parts":[{"functionCall":{}}]}}]}\n\n').category).toBe('upstream_protocol');
  });

  it('throws upstream_protocol for call args nested deeper than JSON.stringify can write', () => {
    const args = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const wire = `data: {"candidates":[{"content":{"parts":[{"functionCall":{"name":"f","args":{"a":${args}}}}]},"finishReason":"STOP"}]}\n\n`;
    expect(failure(wire)).toMatchObject({
      category: 'upstream_protocol',
      message: expect.stringContaining('functionCall.args: expected JSON nested less deeply'),
    });
  });

  it('finishes with other for a finishReason named like an Object member', () => {
    const wire = 'data: {"candidates":[{"content":{"parts":[{"text":"x"}]},"finishReason":"__proto__"}]}\n\n';
    expect(decode(wire).at(-1)).toMatchObject({ type: 'finish', finishReason: 'other', rawFinishReason: '__proto__' });
  });

  it('finishes with the chunk that carries finishReason and usageMetadata, without waiting for the stream to end', () => {
    const decoder = gemini.createStreamDecoder();
    const [first, last] = fixtureText('stream-finish-only.sse').split(/(?<=\n\n)/);
    expect(decoder.push(encoder.encode(first)).map((event) => event.type)).toEqual(['start', 'text-start', 'text-delta']);
    expect(decoder.push(encoder.encode(last)).map((event) => event.type)).toEqual(['usage', 'text-end', 'finish']);
    expect(decoder.push(encoder.encode('data: {not json\n\ndata: {"candidates":[{"content":{"parts":[{"text":"late"}]}}]}\n\n'))).toEqual([]);
    expect(decoder.end()).toEqual([]);
  });

  it('waits for the end of the stream when the finishReason chunk has no usageMetadata', () => {
    const decoder = gemini.createStreamDecoder();
    expect(
      decoder.push(encoder.encode('data: {"candidates":[{"content":{"parts":[{"text":"x"}]},"finishReason":"STOP"}]}\n\n')).map((event) => event.type),
    ).toEqual(['start', 'text-start', 'text-delta']);
    expect(decoder.push(encoder.encode('data: {"usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":1}}\n\n')).map((event) => event.type)).toEqual([
      'usage',
    ]);
    expect(decoder.end().at(-1)).toMatchObject({ type: 'finish', rawFinishReason: 'STOP', usage: { inputTokens: 3, outputTokens: 1 } });
  });

  it('ignores keep-alive comments and a [DONE] line some proxies add', () => {
    const wire = `: ping\n\n${fixtureText('stream-finish-only.sse')}data: [DONE]\n\n`;
    expect(decode(wire).at(-1)).toMatchObject({ type: 'finish', rawFinishReason: 'RECITATION' });
  });

  it.each(['stream-parallel-calls.sse', 'stream-text-crlf.sse', 'stream-finish-only.sse'])('gives the same events for any split of the bytes of %s', (name) =>
    assertAnyCutDecodesAlike(() => gemini.createStreamDecoder(), fixtureText(name)),
  );
});
