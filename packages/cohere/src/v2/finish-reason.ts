import { ownValue, type FinishReason } from '@fluxcore/message';

/** Cohere v2 `finish_reason` values. */
const TO_CANONICAL: Readonly<Record<string, FinishReason>> = {
  COMPLETE: 'stop',
  STOP_SEQUENCE: 'stop',
  MAX_TOKENS: 'length',
  TOOL_CALL: 'tool_calls',
  ERROR: 'error',
  TIMEOUT: 'error',
};

/** Cohere v2 finish reason → canonical. Unknown values become `other`. */
export function toCanonicalFinish(raw: string): FinishReason {
  return ownValue(TO_CANONICAL, raw) ?? 'other';
}

/**
 * Canonical → Cohere v2. The raw value is reused when it is a v2 value with the same meaning
 * (keeps `STOP_SEQUENCE` and `TIMEOUT` on same-protocol trips). v2 has no filter reason, so
 * `content_filter` becomes `COMPLETE`.
 */
export function toCohereFinish(reason: FinishReason, raw?: string, stopSequence?: string): string {
  if (raw !== undefined && ownValue(TO_CANONICAL, raw) === reason) return raw;
  switch (reason) {
    case 'stop':
      return stopSequence === undefined ? 'COMPLETE' : 'STOP_SEQUENCE';
    case 'length':
      return 'MAX_TOKENS';
    case 'tool_calls':
      return 'TOOL_CALL';
    case 'error':
      return 'ERROR';
    default:
      return 'COMPLETE';
  }
}
