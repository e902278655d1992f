import { describe, expect, it } from 'vitest';
import { fromGeminiFinishReason, toGeminiFinishReason } from './finish-reason.js';

describe('Gemini finish reasons', () => {
  it('keeps a raw Gemini reason that means the same, so RECITATION survives a Gemini-to-Gemini trip', () => {
    expect(toGeminiFinishReason('content_filter', 'RECITATION')).toBe('RECITATION');
    expect(toGeminiFinishReason('length', 'RECITATION')).toBe('MAX_TOKENS');
  });

  it('never sends a raw value that only an Object member makes look known', () => {
    expect(fromGeminiFinishReason('constructor', false)).toBe('other');
    expect(toGeminiFinishReason('other', 'constructor')).toBe('OTHER');
  });
});
