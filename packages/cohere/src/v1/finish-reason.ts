import { ownValue, type FinishReason } from '@fluxcore/message';

const TO_CANONICAL: Readonly<Record<string, FinishReason>> = {
  COMPLETE: 'stop',
  STOP_SEQUENCE: 'stop',
  USER_CANCEL: 'stop',
  MAX_TOKENS: 'length',
  ERROR_LIMIT: 'length',
  ERROR_TOXIC: 'content_filter',
  ERROR: 'error',
  TIMEOUT: 'error',
};

/** The values `stream-end.finish_reason` allows (a subset of the response's). */
const STREAM_END_VALUES = new Set(['COMPLETE', 'ERROR_LIMIT', 'MAX_TOKENS', 'ERROR', 'ERROR_TOXIC']);

/** Cohere v1 finish reason → canonical. v1 has no TOOL_CALL: `COMPLETE` with tool calls is a tool turn. */
export function toCanonicalFinish(raw: string, hasToolCalls: boolean): FinishReason {
  const reason = ownValue(TO_CANONICAL, raw) ?? 'other';
  return reason === 'stop' && raw === 'COMPLETE' && hasToolCalls ? 'tool_calls' : reason;
}

/**
 * Canonical → Cohere v1, reusing the raw value when it is a v1 value with the same meaning.
 * `forStreamEnd` narrows to the values `stream-end.finish_reason` allows.
 */
export function toCohereV1Finish(reason: FinishReason, raw: string | undefined, stopSequence: string | undefined, forStreamEnd = false): string {
  const value = pick(reason, raw, stopSequence);
  if (!forStreamEnd || STREAM_END_VALUES.has(value)) return value;
  return ownValue(TO_CANONICAL, value) === 'error' ? 'ERROR' : 'COMPLETE';
}

function pick(reason: FinishReason, raw: string | undefined, stopSequence: string | undefined): string {
  if (raw !== undefined && (ownValue(TO_CANONICAL, raw) === reason || (reason === 'tool_calls' && raw === 'COMPLETE'))) return raw;
  switch (reason) {
    case 'stop':
      return stopSequence === undefined ? 'COMPLETE' : 'STOP_SEQUENCE';
    case 'length':
      return 'MAX_TOKENS';
    case 'content_filter':
      return 'ERROR_TOXIC';
    case 'error':
      return 'ERROR';
    default:
      return 'COMPLETE';
  }
}
