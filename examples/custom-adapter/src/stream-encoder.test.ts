import { FluxError } from '@fluxcore/errors';
import type { StreamEvent } from '@fluxcore/message';
import { decodeInPieces, encodeEvents } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { fixtureText } from './__fixtures__/load.js';
import { ollama } from './adapter.js';

const context = { request: { model: 'llama3.2', messages: [], stream: true } };
const encode = (events: StreamEvent[]) => encodeEvents(ollama.createStreamEncoder(context), events);
const lines = (wire: string) =>
  wire
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('ollama stream encoder', () => {
  it("writes one line per fragment and a done line with Ollama's counts", () => {
    const wire = encode([
      { type: 'start', model: 'gpt-4.1-mini' },
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, text: 'Hel' },
      { type: 'text-delta', index: 0, text: 'lo' },
      { type: 'text-end', index: 0 },
      { type: 'finish', finishReason: 'stop', usage: { inputTokens: 5, outputTokens: 2 } },
    ]);
    const written = lines(wire);
    expect(written.map((l) => [l.model, l.message, l.done])).toEqual([
      ['gpt-4.1-mini', { role: 'assistant', content: 'Hel' }, false],
      ['gpt-4.1-mini', { role: 'assistant', content: 'lo' }, false],
      ['gpt-4.1-mini', { role: 'assistant', content: '' }, true],
    ]);
    expect(written[2]).toMatchObject({ done_reason: 'stop', prompt_eval_count: 5, eval_count: 2 });
    expect(typeof written[2]!.total_duration).toBe('number');
    expect(Number.isNaN(Date.parse(String(written[0]!.created_at)))).toBe(false);
  });

  it('buffers argument fragments and writes each tool call whole, with its arguments as an object', () => {
    const wire = encode([
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'get_weather' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '"Paris"}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'finish', finishReason: 'tool_calls' },
    ]);
    const written = lines(wire);
    expect(written).toHaveLength(2);
    expect(written[0]!.message).toEqual({ role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] });
    expect(written[1]).toMatchObject({ done: true, done_reason: 'stop' });
  });

  it('round-trips: what it encodes, the decoder reads back as the same content', () => {
    const original = decodeInPieces(ollama.createStreamDecoder(), fixtureText('tool-calls.ndjson'));
    const again = decodeInPieces(ollama.createStreamDecoder(), encode(original));
    const content = (events: StreamEvent[]) => events.filter((e) => e.type !== 'start');
    expect(content(again)).toEqual(content(original));
  });

  it("ends a broken stream with Ollama's error line and writes nothing after it", () => {
    const encoder = ollama.createStreamEncoder(context);
    encoder.encode({ type: 'text-delta', index: 0, text: 'Hi' });
    expect(encoder.fail(new FluxError({ category: 'timeout', message: 'upstream went silent' }))).toBe('{"error":"upstream went silent"}\n');
    expect(encoder.encode({ type: 'finish', finishReason: 'stop' })).toBe('');
    expect(encoder.fail(new FluxError({ category: 'server', message: 'again' }))).toBe('');
  });
});
