import { FluxError } from '@fluxcore/errors';
import type { StreamEvent } from '@fluxcore/message';
import { decodeInPieces, encodeEvents, validateCohereV1Stream } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { SEQUENCES, sequence } from '../__fixtures__/event-sequences.js';
import { cohereV1 } from './adapter.js';

const context = { request: { messages: [], stream: true } };

const encode = (events: StreamEvent[]): string => encodeEvents(cohereV1.createStreamEncoder(context), events);

describe('cohere v1 stream encoder', () => {
  it.each(Object.entries(SEQUENCES))('renders "%s" in the NDJSON grammar cohere-ai expects', (_, events) => {
    const result = validateCohereV1Stream(encode(events));
    expect(result.errors).toEqual([]);
    expect(result.endedWithError).toBe(false);
  });

  it('streams text, buffers arguments into whole parameter objects, and reports finish and usage', () => {
    const result = validateCohereV1Stream(encode(SEQUENCES['several tool calls']!));
    expect(result.text).toBe('Checking.');
    expect(result.toolCalls).toEqual([
      { name: 'weather', arguments: '{"city":"Oslo"}' },
      { name: 'weather', arguments: '{"city":"Lima"}' },
    ]);
    expect(result.finishReason).toBe('COMPLETE');
    expect(result.usage).toMatchObject({ 'tokens.input_tokens': 12, 'tokens.output_tokens': 7, cached_tokens: 4 });
  });

  it('drops reasoning, which v1 cannot express', () => {
    const result = validateCohereV1Stream(encode(SEQUENCES['reasoning then text']!));
    expect([result.reasoning, result.text]).toEqual(['', 'done']);
  });

  it('narrows finish reasons to the stream-end enum', () => {
    expect(validateCohereV1Stream(encode(SEQUENCES['no usage at all']!)).finishReason).toBe('COMPLETE');
    expect(validateCohereV1Stream(encode(SEQUENCES['usage arriving early only']!)).finishReason).toBe('MAX_TOKENS');
    expect(validateCohereV1Stream(encode(SEQUENCES['empty answer']!)).finishReason).toBe('ERROR_TOXIC');
  });

  it('gives calls the ids a decoder derives for the same answer', () => {
    const events = decodeInPieces(cohereV1.createStreamDecoder(), encode(SEQUENCES['several tool calls']!));
    const formatted = cohereV1.formatResponse(
      {
        id: 'r',
        model: '',
        content: [
          { type: 'tool-call', id: 'x', name: 'weather', arguments: '{"city":"Oslo"}' },
          { type: 'tool-call', id: 'y', name: 'weather', arguments: '{"city":"Lima"}' },
        ],
        finishReason: 'tool_calls',
      },
      context,
    );
    const parsed = cohereV1.parseResponse(formatted);
    expect(events.filter((e) => e.type === 'tool-call-start').map((e) => e.type === 'tool-call-start' && e.id)).toEqual(
      parsed.content.filter((p) => p.type === 'tool-call').map((p) => p.type === 'tool-call' && p.id),
    );
  });

  it('fail() ends with stream-end ERROR carrying the message, and nothing after it', () => {
    const encoder = cohereV1.createStreamEncoder(context);
    const head = sequence([{ kind: 'text', deltas: ['part'] }], { type: 'finish', finishReason: 'stop' }).slice(0, 3);
    const wire = head.map((e) => encoder.encode(e)).join('') + encoder.fail(new FluxError({ category: 'server', message: 'upstream broke' }));
    const result = validateCohereV1Stream(wire);
    expect(result.errors).toEqual([]);
    expect(result.endedWithError).toBe(true);
    expect(result.text).toBe('part');
    expect(() => decodeInPieces(cohereV1.createStreamDecoder(), wire)).toThrow(expect.objectContaining({ message: 'cohere: upstream broke' }));
    expect(encoder.fail(new FluxError({ category: 'server', message: 'again' }))).toBe('');
    expect(encoder.encode({ type: 'text-delta', index: 0, text: 'late' })).toBe('');
  });
});
