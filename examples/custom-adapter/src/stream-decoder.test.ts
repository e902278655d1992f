import type { StreamDecoder, StreamEvent } from '@fluxcore/message';
import { assertAnyCutDecodesAlike, decodeInPieces, reasoningEvents, toolCallEvents } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { fixtureJson, fixtureText } from './__fixtures__/load.js';
import { ollama } from './adapter.js';

/** The start event's id is random: an ollama decoder that reports it as `x`, so that two decodings compare equal. */
function decoderWithFixedStartId(): StreamDecoder {
  const decoder = ollama.createStreamDecoder();
  const fixed = (events: StreamEvent[]) => events.map((e) => (e.type === 'start' ? { ...e, id: 'x' } : e));
  return { push: (chunk) => fixed(decoder.push(chunk)), end: () => fixed(decoder.end()) };
}
const decode = (wire: string) => decodeInPieces(decoderWithFixedStartId(), wire);

describe('ollama stream decoder', () => {
  it('decodes a text stream, with usage from the done line', () => {
    expect(decode(fixtureText('text.ndjson'))).toEqual([
      { type: 'start', id: 'x', model: 'llama3.2', created: Math.floor(Date.parse('2026-11-26T03:50:01Z') / 1000) },
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, text: 'Hello' },
      { type: 'text-delta', index: 0, text: ' from Ollama — ünïcödé' },
      { type: 'text-end', index: 0 },
      { type: 'usage', usage: { inputTokens: 26, outputTokens: 7 } },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage: { inputTokens: 26, outputTokens: 7 } },
    ]);
  });

  it.each(['text.ndjson', 'tool-calls.ndjson'])('gives the same events however the bytes of %s are split, multi-byte characters included', (name) =>
    assertAnyCutDecodesAlike(decoderWithFixedStartId, fixtureText(name)),
  );

  it('decodes thinking, then whole tool calls with the ids the non-streamed answer has', () => {
    const events = decode(fixtureText('tool-calls.ndjson'));
    const usage = { inputTokens: 140, outputTokens: 41 };
    expect(events).toEqual([
      { type: 'start', id: 'x', model: 'qwen3', created: Math.floor(Date.parse('2026-11-26T03:51:00Z') / 1000) },
      ...reasoningEvents(0, ['I need the weather', ' tool.']),
      ...toolCallEvents(1, 'ollama_call_0', 'get_weather', '{"city":"Paris"}'),
      ...toolCallEvents(2, 'ollama_call_1', 'get_weather', '{"city":"Lyon"}'),
      { type: 'usage', usage },
      { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'stop', usage },
    ]);
    const nonStreamed = ollama.parseResponse(fixtureJson('tool-calls.json')).content.filter((p) => p.type === 'tool-call');
    const streamed = events.filter((e) => e.type === 'tool-call-start').map((e) => e.type === 'tool-call-start' && [e.id, e.name]);
    expect(streamed).toEqual(nonStreamed.map((p) => p.type === 'tool-call' && [p.id, p.name]));
  });

  it('throws the error Ollama sends mid-stream as a server failure', () => {
    const wire = '{"model":"m","message":{"role":"assistant","content":"Hi"},"done":false}\n{"error":"model runner has unexpectedly stopped"}\n';
    expect(() => decode(wire)).toThrowError(expect.objectContaining({ category: 'server', message: 'ollama: model runner has unexpectedly stopped' }) as Error);
  });

  it('throws upstream_protocol for a stream that ends before done, or a line that is not JSON', () => {
    const firstLine = fixtureText('text.ndjson').split('\n')[0]!;
    expect(() => decode(`${firstLine}\n`)).toThrowError(expect.objectContaining({ category: 'upstream_protocol' }) as Error);
    expect(() => decode('{"model":\n')).toThrowError(expect.objectContaining({ category: 'upstream_protocol' }) as Error);
    expect(() => decode('[1]\n')).toThrowError(expect.objectContaining({ category: 'upstream_protocol' }) as Error);
  });
});
