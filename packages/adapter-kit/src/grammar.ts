/**
 * What a stream grammar validator reports for a complete encoded stream (the concatenated wire
 * text an encoder produced), checked against what the protocol's official SDK expects: event
 * order, block indices, terminal events. `errors` lists the violations (empty = valid); the
 * rest summarises what the stream carried, so checks can assert content, not only shape.
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

/** Reads a complete encoded stream and reports its grammar violations and content. */
export type GrammarValidator = (wire: string) => GrammarResult;
