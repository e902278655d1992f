import type { FinishReason } from '@fluxcore/message';

/**
 * OpenAI `finish_reason` → canonical. `function_call` is the legacy name for tool calls;
 * DeepSeek's `insufficient_system_resource` is an error; anything unknown is `other`.
 */
export function finishFromOpenAI(raw: string): FinishReason {
  switch (raw) {
    case 'stop':
    case 'length':
    case 'tool_calls':
    case 'content_filter':
      return raw;
    case 'function_call':
      return 'tool_calls';
    case 'insufficient_system_resource':
    case 'error':
      return 'error';
    default:
      return 'other';
  }
}

/** Canonical → OpenAI. OpenAI has no error or other reason: both are sent as `stop`. */
export function finishToOpenAI(reason: FinishReason): 'stop' | 'length' | 'tool_calls' | 'content_filter' {
  return reason === 'error' || reason === 'other' ? 'stop' : reason;
}
