import { FluxError } from '@fluxcore/errors';
import type { StreamEvent } from '@fluxcore/message';
import { encodeEvents, reasoningEvents, textEvents, toolCallEvents, validateGeminiStream } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { fixtureText } from './__fixtures__/load.js';
import { gemini } from './adapter.js';

const context = { request: { model: 'gemini-2.5-flash', messages: [], stream: true } };

const encode = (events: StreamEvent[]): string => encodeEvents(gemini.createStreamEncoder(context), events);

const start: StreamEvent = { type: 'start', id: 'resp-1', model: 'gemini-2.5-flash' };
const usage = { inputTokens: 11, outputTokens: 7 };

const sequences: Record<
  string,
  { events: StreamEvent[]; text: string; reasoning: string; calls: Array<{ name: string; arguments: string }>; finish: string; usage?: Record<string, number> }
> = {
  'text only': {
    events: [start, ...textEvents(0, 'Hel', 'lo'), { type: 'finish', finishReason: 'stop', usage }],
    text: 'Hello',
    reasoning: '',
    calls: [],
    finish: 'STOP',
    usage: { promptTokenCount: 11, candidatesTokenCount: 7, totalTokenCount: 18 },
  },
  'reasoning then text, usage early': {
    events: [
      start,
      { type: 'usage', usage: { inputTokens: 11 } },
      ...reasoningEvents(0, ['hmm'], { family: 'gemini', value: 'sig-r' }),
      ...textEvents(1, 'Yes'),
      { type: 'usage', usage: { inputTokens: 11, outputTokens: 9, reasoningTokens: 3 } },
      { type: 'finish', finishReason: 'stop' },
    ],
    text: 'Yes',
    reasoning: 'hmm',
    calls: [],
    finish: 'STOP',
    usage: { promptTokenCount: 11, candidatesTokenCount: 6, thoughtsTokenCount: 3, totalTokenCount: 20 },
  },
  'several tool calls with fragmented arguments': {
    events: [
      start,
      ...textEvents(0, 'Checking.'),
      ...toolCallEvents(1, 'call_a', 'get_weather', '{"ci', 'ty":"Oslo"}'),
      ...toolCallEvents(2, 'call_b', 'get_time', ''),
      { type: 'finish', finishReason: 'tool_calls', usage },
    ],
    text: 'Checking.',
    reasoning: '',
    calls: [
      { name: 'get_weather', arguments: '{"city":"Oslo"}' },
      { name: 'get_time', arguments: '{}' },
    ],
    finish: 'STOP',
    usage: { promptTokenCount: 11, candidatesTokenCount: 7, totalTokenCount: 18 },
  },
  'tool call without text, no usage at all': {
    events: [start, ...toolCallEvents(0, 'toolu_1', 'lookup', '{"q":"x"}'), { type: 'finish', finishReason: 'tool_calls' }],
    text: '',
    reasoning: '',
    calls: [{ name: 'lookup', arguments: '{"q":"x"}' }],
    finish: 'STOP',
  },
  'empty answer cut by a filter': {
    events: [start, { type: 'finish', finishReason: 'content_filter', rawFinishReason: 'refusal' }],
    text: '',
    reasoning: '',
    calls: [],
    finish: 'SAFETY',
  },
  'length with a truncated call': {
    events: [start, ...textEvents(0, 'a'), ...toolCallEvents(1, 'c', 'f', '{"x": [1,'), { type: 'finish', finishReason: 'length', usage }],
    text: 'a',
    reasoning: '',
    calls: [{ name: 'f', arguments: '{}' }],
    finish: 'MAX_TOKENS',
    usage: { promptTokenCount: 11, candidatesTokenCount: 7, totalTokenCount: 18 },
  },
  'foreign reasoning signature and redacted reasoning': {
    events: [
      start,
      { type: 'reasoning-start', index: 0, redacted: { family: 'anthropic', value: 'opaque' } },
      { type: 'reasoning-end', index: 0 },
      ...reasoningEvents(1, ['think'], { family: 'anthropic', value: 'anthropic-sig' }),
      ...textEvents(2, 'ok'),
      { type: 'finish', finishReason: 'stop', usage },
    ],
    text: 'ok',
    reasoning: 'think',
    calls: [],
    finish: 'STOP',
    usage: { promptTokenCount: 11, candidatesTokenCount: 7, totalTokenCount: 18 },
  },
};

describe('gemini stream encoder', () => {
  it.each(Object.entries(sequences))('emits a valid Gemini stream for %s', (_, expected) => {
    const wire = encode(expected.events);
    const result = validateGeminiStream(wire);
    expect(result.errors).toEqual([]);
    expect(result.text).toBe(expected.text);
    expect(result.reasoning).toBe(expected.reasoning);
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(expected.calls);
    expect(result.finishReason).toBe(expected.finish);
    expect(result.usage).toEqual(expected.usage);
    expect(wire).not.toContain('anthropic-sig');
    expect(wire).not.toMatch(/^event:/m);
  });

  it('sends each function call whole, with its id, in one chunk', () => {
    const wire = encode(sequences['several tool calls with fragmented arguments']!.events);
    const chunks = wire
      .split('\n\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line.slice('data: '.length)) as { candidates: Array<{ content: { parts: unknown[] } }> });
    expect(chunks.map((chunk) => chunk.candidates[0]?.content.parts)).toEqual([
      [{ text: 'Checking.' }],
      [{ functionCall: { id: 'call_a', name: 'get_weather', args: { city: 'Oslo' } } }],
      [{ functionCall: { id: 'call_b', name: 'get_time', args: {} } }],
      [{ text: '' }],
    ]);
  });

  it('repeats the response id and model on every chunk', () => {
    const wire = encode(sequences['text only']!.events);
    for (const line of wire.split('\n\n').filter(Boolean))
      expect(JSON.parse(line.slice(6))).toMatchObject({ responseId: 'resp-1', modelVersion: 'gemini-2.5-flash' });
  });

  it('carries Gemini signatures on an empty part and the call part', () => {
    const wire = encode([
      start,
      ...textEvents(0, 'a').slice(0, 2),
      { type: 'text-end', index: 0, signature: { family: 'gemini', value: 's1' } },
      { type: 'tool-call-start', index: 1, id: 'c', name: 'f' },
      { type: 'tool-call-end', index: 1, signature: { family: 'gemini', value: 's2' } },
      { type: 'finish', finishReason: 'tool_calls' },
    ]);
    expect(wire).toContain('{"text":"","thoughtSignature":"s1"}');
    expect(wire).toContain('"thoughtSignature":"s2"');
    expect(validateGeminiStream(wire).errors).toEqual([]);
  });

  it('re-encodes a decoded upstream stream into a valid stream with the same content', () => {
    const decoder = gemini.createStreamDecoder();
    const upstream = fixtureText('stream-parallel-calls.sse');
    const events = [...decoder.push(new TextEncoder().encode(upstream)), ...decoder.end()];
    const result = validateGeminiStream(encode(events));
    expect(result.errors).toEqual([]);
    expect(result.reasoning).toBe('Comparing the two cities first.');
    expect(result.toolCalls.map((entry) => entry.arguments)).toEqual(['{"city":"Oslo"}', '{"city":"Bergen"}']);
    expect(result.usage).toEqual({
      promptTokenCount: 120,
      cachedContentTokenCount: 100,
      candidatesTokenCount: 18,
      thoughtsTokenCount: 40,
      totalTokenCount: 178,
    });
  });

  it('ends a broken stream with an error chunk the SDK throws for, and nothing after it', () => {
    const encoder = gemini.createStreamEncoder(context);
    let wire = [start, ...textEvents(0, 'partial').slice(0, 2)].map((event) => encoder.encode(event)).join('');
    wire += encoder.fail(new FluxError({ category: 'overloaded', message: 'upstream overloaded' }));
    wire += encoder.encode({ type: 'finish', finishReason: 'stop' });
    expect(wire.endsWith('data: {"error":{"code":503,"message":"upstream overloaded","status":"UNAVAILABLE"}}\n\n')).toBe(true);
    const result = validateGeminiStream(wire);
    expect(result.errors).toEqual([]);
    expect(result.endedWithError).toBe(true);
  });
});
