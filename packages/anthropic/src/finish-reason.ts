import { ownValue, type FinishReason } from '@fluxcore/message';

/** Every `stop_reason` the Messages API documents, with its canonical meaning. */
const STOP_REASONS: Readonly<Record<string, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  // "Resend to continue" after a long server-tool turn: the answer so far is complete (as vercel and Portkey map it).
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

/** Anthropic `stop_reason` to the canonical finish reason; unknown values are `other`. */
export function finishReasonFromWire(stopReason: string): FinishReason {
  return ownValue(STOP_REASONS, stopReason) ?? 'other';
}

/**
 * Canonical finish reason to `stop_reason`. The raw value is reused when it is an Anthropic
 * reason with the same meaning (so `pause_turn` or `model_context_window_exceeded` survive a
 * same-protocol trip); `stop` with a matched sequence is `stop_sequence`; `error` and `other`
 * have no Anthropic counterpart and become `end_turn`.
 */
export function finishReasonToWire(reason: FinishReason, raw?: string, stopSequence?: string): string {
  if (raw !== undefined && ownValue(STOP_REASONS, raw) === reason && (raw !== 'stop_sequence' || stopSequence !== undefined)) return raw;
  switch (reason) {
    case 'stop':
      return stopSequence === undefined ? 'end_turn' : 'stop_sequence';
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}
