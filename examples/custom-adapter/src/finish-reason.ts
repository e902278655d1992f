import type { FinishReason } from '@fluxcore/message';

/**
 * Ollama's `done_reason` in the IR's vocabulary. Ollama says `stop` after tool calls too, so the
 * calls decide `tool_calls`. `load` and `unload` (a model loaded without generating) are `other`.
 */
export function toFinishReason(doneReason: string | undefined, sawToolCalls: boolean): FinishReason {
  if (sawToolCalls) return 'tool_calls';
  if (doneReason === undefined || doneReason === 'stop') return 'stop';
  if (doneReason === 'length') return 'length';
  return 'other';
}

/** The IR's finish reason as a `done_reason`: Ollama knows only `stop` and `length`. */
export function toDoneReason(finishReason: FinishReason): string {
  return finishReason === 'length' ? 'length' : 'stop';
}
