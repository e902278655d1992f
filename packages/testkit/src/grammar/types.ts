/**
 * A stream grammar validator checks a complete encoded stream (the concatenated wire text an
 * encoder produced) against what the protocol's official SDK expects: event order, block
 * indices, terminal events. It returns the list of violations (empty = valid) and a summary of
 * what the stream carried so tests can assert content, not only shape.
 */
export interface GrammarResult {
  errors: string[];
  /** Concatenated text content. */
  text: string;
  /** Concatenated reasoning text. */
  reasoning: string;
  /** Tool calls with their complete argument JSON text. */
  toolCalls: Array<{ id?: string; name: string; arguments: string }>;
  /** The finish reason in the protocol's own vocabulary, as sent. */
  finishReason?: string;
  /** Usage in the protocol's own field names, as sent (last value wins). */
  usage?: Record<string, number>;
  /** True when the stream ended with the protocol's error signal. */
  endedWithError: boolean;
}

export type GrammarValidator = (wire: string) => GrammarResult;
