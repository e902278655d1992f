import { decodeInPieces, validateCohereStream } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { encodeSequence } from '../__fixtures__/event-sequences.js';
import { cohere } from './adapter.js';

describe('cohere v2 stream encoder', () => {
  it('carries thinking as thinking', () => {
    const reasoning = validateCohereStream(encodeSequence(cohere, 'reasoning then text'));
    expect([reasoning.reasoning, reasoning.text]).toEqual(['thinking', 'done']);
  });

  it('takes usage from an early usage event when finish has none', () => {
    expect(validateCohereStream(encodeSequence(cohere, 'usage arriving early only')).usage).toMatchObject({
      'tokens.input_tokens': 3,
      'tokens.output_tokens': 1,
    });
    expect(validateCohereStream(encodeSequence(cohere, 'no usage at all')).usage).toBeUndefined();
    expect(validateCohereStream(encodeSequence(cohere, 'no usage at all')).finishReason).toBe('STOP_SEQUENCE');
  });

  it('never writes the substring [DONE], yet the text decodes unchanged', () => {
    const wire = encodeSequence(cohere, 'text mentioning the SSE terminator');
    expect(wire).not.toContain('[DONE]');
    expect(validateCohereStream(wire).text).toBe('literal [DONE] inside text [DONE]');
  });

  it('decodes back to the same content with its own decoder', () => {
    const events = decodeInPieces(cohere.createStreamDecoder(), encodeSequence(cohere, 'several tool calls'));
    expect(events.filter((e) => e.type === 'tool-call-start')).toEqual([
      { type: 'tool-call-start', index: 1, id: 'call_a', name: 'weather' },
      { type: 'tool-call-start', index: 2, id: 'call_b', name: 'weather' },
    ]);
  });
});
