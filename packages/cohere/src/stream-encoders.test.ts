import { FluxError } from '@fluxcore/errors';
import type { ProtocolAdapter, StreamEvent } from '@fluxcore/message';
import { decodeInPieces, encodeEvents, textEvents, validateCohereStream, validateCohereV1Stream } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { encodeSequence, SEQUENCES, STREAM_CONTEXT } from './__fixtures__/event-sequences.js';
import { cohere, cohereV1 } from './index.js';

/** Both versions report usage the same way: billed units and tokens, and the cached tokens. */
const USAGE = { 'billed_units.input_tokens': 12, 'billed_units.output_tokens': 7, 'tokens.input_tokens': 12, 'tokens.output_tokens': 7, cached_tokens: 4 };
const CALLS = [
  { id: 'call_a', name: 'weather', arguments: '{"city":"Oslo"}' },
  { id: 'call_b', name: 'weather', arguments: '{"city":"Lima"}' },
];

describe.each([
  {
    version: 'v1',
    adapter: cohereV1 as ProtocolAdapter,
    validate: validateCohereV1Stream,
    // v1 sends each call whole, its arguments as a parameters object, and no ids.
    toolCalls: CALLS.map(({ name, arguments: args }) => ({ name, arguments: args })),
    toolFinish: 'COMPLETE',
  },
  { version: 'v2', adapter: cohere as ProtocolAdapter, validate: validateCohereStream, toolCalls: CALLS, toolFinish: 'TOOL_CALL' },
])('cohere $version stream encoder', ({ adapter, validate, toolCalls, toolFinish }) => {
  it.each(Object.entries(SEQUENCES))('renders "%s" in the grammar cohere-ai expects', (_, events) => {
    const result = validate(encodeEvents(adapter.createStreamEncoder(STREAM_CONTEXT), events));
    expect(result.errors).toEqual([]);
    expect(result.endedWithError).toBe(false);
  });

  it('carries text, tool calls, finish reason and usage', () => {
    const { text, toolCalls: calls, finishReason, usage } = validate(encodeSequence(adapter, 'several tool calls'));
    expect({ text, calls, finishReason, usage }).toEqual({ text: 'Checking.', calls: toolCalls, finishReason: toolFinish, usage: USAGE });
  });

  it('fail() ends with an ERROR end carrying the message, which its own decoder throws, and writes nothing after it', () => {
    const encoder = adapter.createStreamEncoder(STREAM_CONTEXT);
    const head: StreamEvent[] = [{ type: 'start', id: 'resp_1', model: 'm' }, ...textEvents(0, 'part').slice(0, 2)];
    const wire = encodeEvents(encoder, head) + encoder.fail(new FluxError({ category: 'server', message: 'upstream broke' }));
    const result = validate(wire);
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ endedWithError: true, finishReason: 'ERROR', text: 'part' });
    expect(wire).toContain('"error":"upstream broke"');
    expect(() => decodeInPieces(adapter.createStreamDecoder(), wire)).toThrow(expect.objectContaining({ message: 'cohere: upstream broke' }));
    expect(encoder.fail(new FluxError({ category: 'server', message: 'again' }))).toBe('');
    expect(encoder.encode({ type: 'text-delta', index: 0, text: 'late' })).toBe('');
  });

  it('fail() before anything was sent still yields a well-formed stream', () => {
    const wire = adapter.createStreamEncoder(STREAM_CONTEXT).fail(new FluxError({ category: 'timeout', message: 'first byte timeout' }));
    expect(validate(wire).errors).toEqual([]);
  });
});
