import { FluxError } from '@fluxcore/errors';
import type { StreamEvent } from '@fluxcore/message';
import { decodeInPieces, encodeEvents, validateCohereStream } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { SEQUENCES, sequence } from '../__fixtures__/event-sequences.js';
import { cohere } from './adapter.js';

const context = { request: { messages: [], stream: true } };

const encode = (events: StreamEvent[]): string => encodeEvents(cohere.createStreamEncoder(context), events);

describe('cohere v2 stream encoder', () => {
  it.each(Object.entries(SEQUENCES))('renders "%s" in the grammar cohere-ai expects', (_, events) => {
    const result = validateCohereStream(encode(events));
    expect(result.errors).toEqual([]);
    expect(result.endedWithError).toBe(false);
  });

  it('carries text, thinking, tool calls, finish reason and usage', () => {
    const tools = validateCohereStream(encode(SEQUENCES['several tool calls']!));
    expect(tools.text).toBe('Checking.');
    expect(tools.toolCalls).toEqual([
      { id: 'call_a', name: 'weather', arguments: '{"city":"Oslo"}' },
      { id: 'call_b', name: 'weather', arguments: '{"city":"Lima"}' },
    ]);
    expect(tools.finishReason).toBe('TOOL_CALL');
    expect(tools.usage).toEqual({
      'billed_units.input_tokens': 12,
      'billed_units.output_tokens': 7,
      'tokens.input_tokens': 12,
      'tokens.output_tokens': 7,
      cached_tokens: 4,
    });
    const reasoning = validateCohereStream(encode(SEQUENCES['reasoning then text']!));
    expect([reasoning.reasoning, reasoning.text]).toEqual(['thinking', 'done']);
  });

  it('takes usage from an early usage event when finish has none', () => {
    expect(validateCohereStream(encode(SEQUENCES['usage arriving early only']!)).usage).toMatchObject({ 'tokens.input_tokens': 3, 'tokens.output_tokens': 1 });
    expect(validateCohereStream(encode(SEQUENCES['no usage at all']!)).usage).toBeUndefined();
    expect(validateCohereStream(encode(SEQUENCES['no usage at all']!)).finishReason).toBe('STOP_SEQUENCE');
  });

  it('never writes the substring [DONE], yet the text decodes unchanged', () => {
    const wire = encode(SEQUENCES['text mentioning the SSE terminator']!);
    expect(wire).not.toContain('[DONE]');
    expect(validateCohereStream(wire).text).toBe('literal [DONE] inside text [DONE]');
  });

  it('decodes back to the same content with its own decoder', () => {
    const events = decodeInPieces(cohere.createStreamDecoder(), encode(SEQUENCES['several tool calls']!));
    expect(events.filter((e) => e.type === 'tool-call-start')).toEqual([
      { type: 'tool-call-start', index: 1, id: 'call_a', name: 'weather' },
      { type: 'tool-call-start', index: 2, id: 'call_b', name: 'weather' },
    ]);
  });

  it('fail() closes the open block and ends with message-end ERROR carrying the message', () => {
    const encoder = cohere.createStreamEncoder(context);
    const head = sequence([{ kind: 'text', deltas: ['part'] }], { type: 'finish', finishReason: 'stop' }).slice(0, 3);
    const wire = head.map((e) => encoder.encode(e)).join('') + encoder.fail(new FluxError({ category: 'server', message: 'upstream broke' }));
    const result = validateCohereStream(wire);
    expect(result.errors).toEqual([]);
    expect(result.endedWithError).toBe(true);
    expect(result.finishReason).toBe('ERROR');
    expect(wire).toContain('"error":"upstream broke"');
    expect(() => decodeInPieces(cohere.createStreamDecoder(), wire)).toThrow(expect.objectContaining({ message: 'cohere: upstream broke' }));
  });

  it('fail() before anything was sent still yields a well-formed stream, and nothing after the end', () => {
    const encoder = cohere.createStreamEncoder(context);
    const wire = encoder.fail(new FluxError({ category: 'timeout', message: 'first byte timeout' }));
    expect(validateCohereStream(wire).errors).toEqual([]);
    expect(encoder.fail(new FluxError({ category: 'timeout', message: 'again' }))).toBe('');
    expect(encoder.encode({ type: 'text-delta', index: 0, text: 'late' })).toBe('');
  });
});
