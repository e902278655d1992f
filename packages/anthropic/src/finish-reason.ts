import { FinishReasonTable, type FinishReason } from '@fluxcore/message';

/**
 * Every `stop_reason` the Messages API documents, with its canonical meaning; back, `error` and
 * `other` have no Anthropic counterpart and become `end_turn`.
 */
export const STOP_REASONS = new FinishReasonTable(
  {
    end_turn: 'stop',
    stop_sequence: 'stop',
    // "Resend to continue" after a long server-tool turn: the answer so far is complete (as vercel and Portkey map it).
    pause_turn: 'stop',
    max_tokens: 'length',
    model_context_window_exceeded: 'length',
    tool_use: 'tool_calls',
    refusal: 'content_filter',
  },
  { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', content_filter: 'refusal', error: 'end_turn', other: 'end_turn' },
  'stop_sequence',
);

/**
 * Canonical finish reason to `stop_reason`. The raw value is reused when it is an Anthropic
 * reason with the same meaning (so `pause_turn` or `model_context_window_exceeded` survive a
 * same-protocol trip), but `stop_sequence` only with the sequence it matched; `stop` with a
 * matched sequence is `stop_sequence`.
 */
export function finishReasonToWire(reason: FinishReason, raw?: string, stopSequence?: string): string {
  return STOP_REASONS.wire(reason, raw === 'stop_sequence' && stopSequence === undefined ? undefined : raw, stopSequence);
}
