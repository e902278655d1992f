/**
 * Ollama sends no ids: the IR's are made up here. A tool call of an answer is numbered in
 * order, so the streamed and the non-streamed answer give the same ids; a call in a request's
 * history is numbered by its message and position, which tool results are matched to.
 */
export function responseId(): string {
  return `ollama-${crypto.randomUUID()}`;
}

/** The id of an answer's `n`th tool call (from 0). */
export function answerCallId(n: number): string {
  return `ollama_call_${n}`;
}

/** The id of tool call `j` of the request's message `index`. */
export function requestCallId(index: number, j: number): string {
  return `ollama_call_${index}_${j}`;
}

/** The id of a tool result in message `index` that answers no earlier call. */
export function orphanResultId(index: number): string {
  return `ollama_result_${index}`;
}
