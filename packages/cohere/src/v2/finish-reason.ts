import { FinishReasonTable } from '@fluxcore/message';

/**
 * Cohere v2 `finish_reason` values both ways. A raw value is kept when it means the same
 * (`STOP_SEQUENCE` and `TIMEOUT` survive same-protocol trips); v2 has no filter reason, so
 * `content_filter` is sent as `COMPLETE`.
 */
export const FINISH_REASONS = new FinishReasonTable(
  {
    COMPLETE: 'stop',
    STOP_SEQUENCE: 'stop',
    MAX_TOKENS: 'length',
    TOOL_CALL: 'tool_calls',
    ERROR: 'error',
    TIMEOUT: 'error',
  },
  { stop: 'COMPLETE', length: 'MAX_TOKENS', tool_calls: 'TOOL_CALL', content_filter: 'COMPLETE', error: 'ERROR', other: 'COMPLETE' },
  'STOP_SEQUENCE',
);
