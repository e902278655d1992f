import { FinishReasonTable, type FieldReader, type FinishReason } from '@fluxcore/message';
import { camelRecord } from './camel-keys.js';

/**
 * Gemini `finishReason` -> canonical reason. Choices where peers disagree:
 * - `RECITATION` -> `content_filter`: a filter cut the output, as with SAFETY (vercel does the
 *   same; Portkey says stop, which hides the truncation).
 * - `LANGUAGE` (unsupported language) -> `other`: it is not a safety or recitation filter.
 * - `MALFORMED_FUNCTION_CALL`, `UNEXPECTED_TOOL_CALL`, `TOO_MANY_TOOL_CALLS` -> `error`: the
 *   model failed to produce a usable answer.
 * `STOP` becomes `tool_calls` when the answer holds function calls (Gemini has no tool reason).
 */
const FINISH_REASONS = new FinishReasonTable(
  {
    STOP: 'stop',
    MAX_TOKENS: 'length',
    SAFETY: 'content_filter',
    RECITATION: 'content_filter',
    BLOCKLIST: 'content_filter',
    PROHIBITED_CONTENT: 'content_filter',
    SPII: 'content_filter',
    IMAGE_SAFETY: 'content_filter',
    IMAGE_PROHIBITED_CONTENT: 'content_filter',
    IMAGE_RECITATION: 'content_filter',
    LANGUAGE: 'other',
    OTHER: 'other',
    FINISH_REASON_UNSPECIFIED: 'other',
    NO_IMAGE: 'other',
    IMAGE_OTHER: 'other',
    MALFORMED_FUNCTION_CALL: 'error',
    UNEXPECTED_TOOL_CALL: 'error',
    TOO_MANY_TOOL_CALLS: 'error',
  },
  { stop: 'STOP', length: 'MAX_TOKENS', tool_calls: 'STOP', content_filter: 'SAFETY', error: 'OTHER', other: 'OTHER' },
);

/** Canonical reason for a Gemini candidate's `finishReason`. Unknown values map to `other`. */
export function fromGeminiFinishReason(raw: string, hasToolCalls: boolean): FinishReason {
  const reason = FINISH_REASONS.canonical(raw);
  return reason === 'stop' && hasToolCalls ? 'tool_calls' : reason;
}

/** A prompt blocked before generation (`promptFeedback.blockReason`) is always a filter. */
export const PROMPT_BLOCKED: FinishReason = 'content_filter';

/** `promptFeedback.blockReason` of an answer, when the prompt was blocked. */
export function blockReasonOf(top: FieldReader): string | undefined {
  return camelRecord(top, 'promptFeedback')?.string('blockReason');
}

/**
 * Gemini `finishReason` for a canonical reason. The provider's own value is kept when it is a
 * Gemini value that means the same thing (so `RECITATION` survives a Gemini-to-Gemini trip).
 */
export function toGeminiFinishReason(reason: FinishReason, raw: string | undefined): string {
  return FINISH_REASONS.wire(reason, raw);
}
