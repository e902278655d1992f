import { decodeInPieces, validateCohereV1Stream } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { encodeSequence, STREAM_CONTEXT } from '../__fixtures__/event-sequences.js';
import { cohereV1 } from './adapter.js';

describe('cohere v1 stream encoder', () => {
  it('drops reasoning, which v1 cannot express', () => {
    const result = validateCohereV1Stream(encodeSequence(cohereV1, 'reasoning then text'));
    expect([result.reasoning, result.text]).toEqual(['', 'done']);
  });

  it('narrows finish reasons to the stream-end enum', () => {
    expect(validateCohereV1Stream(encodeSequence(cohereV1, 'no usage at all')).finishReason).toBe('COMPLETE');
    expect(validateCohereV1Stream(encodeSequence(cohereV1, 'usage arriving early only')).finishReason).toBe('MAX_TOKENS');
    expect(validateCohereV1Stream(encodeSequence(cohereV1, 'empty answer')).finishReason).toBe('ERROR_TOXIC');
  });

  it('gives calls the ids a decoder derives for the same answer', () => {
    const events = decodeInPieces(cohereV1.createStreamDecoder(), encodeSequence(cohereV1, 'several tool calls'));
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
      STREAM_CONTEXT,
    );
    const parsed = cohereV1.parseResponse(formatted);
    expect(events.filter((e) => e.type === 'tool-call-start').map((e) => e.type === 'tool-call-start' && e.id)).toEqual(
      parsed.content.filter((p) => p.type === 'tool-call').map((p) => p.type === 'tool-call' && p.id),
    );
  });
});
