import { FinishReasonTable, type FinishReason } from '@fluxcore/message';

/** Cohere v1 finish reasons both ways. v1 has no TOOL_CALL: a tool turn is sent as `COMPLETE`. */
const FINISH_REASONS = new FinishReasonTable(
  {
    COMPLETE: 'stop',
    STOP_SEQUENCE: 'stop',
    USER_CANCEL: 'stop',
    MAX_TOKENS: 'length',
    ERROR_LIMIT: 'length',
    ERROR_TOXIC: 'content_filter',
    ERROR: 'error',
    TIMEOUT: 'error',
  },
  { stop: 'COMPLETE', length: 'MAX_TOKENS', tool_calls: 'COMPLETE', content_filter: 'ERROR_TOXIC', error: 'ERROR', other: 'COMPLETE' },
  'STOP_SEQUENCE',
);

/** The values `stream-end.finish_reason` allows (a subset of the response's). */
const STREAM_END_VALUES = new Set(['COMPLETE', 'ERROR_LIMIT', 'MAX_TOKENS', 'ERROR', 'ERROR_TOXIC']);

/** Cohere v1 finish reason → canonical. `COMPLETE` with tool calls is a tool turn. */
export function toCanonicalFinish(raw: string, hasToolCalls: boolean): FinishReason {
  const reason = FINISH_REASONS.canonical(raw);
  return reason === 'stop' && raw === 'COMPLETE' && hasToolCalls ? 'tool_calls' : reason;
}

/**
 * Canonical → Cohere v1, reusing the raw value when it is a v1 value with the same meaning.
 * `forStreamEnd` narrows to the values `stream-end.finish_reason` allows.
 */
export function toCohereV1Finish(reason: FinishReason, raw: string | undefined, stopSequence: string | undefined, forStreamEnd = false): string {
  const value = FINISH_REASONS.wire(reason, raw, stopSequence);
  if (!forStreamEnd || STREAM_END_VALUES.has(value)) return value;
  return FINISH_REASONS.canonical(value) === 'error' ? 'ERROR' : 'COMPLETE';
}
