/** A response id for answers that came without one. */
export function generatedResponseId(): string {
  return `chatcmpl-${globalThis.crypto.randomUUID().replaceAll('-', '')}`;
}

/**
 * An id for a tool call the upstream sent without one (some compatible services do). It depends
 * only on the response id and the call's position, so the stream and non-stream readings of the
 * same answer agree.
 */
export function generatedCallId(responseId: string, index: number): string {
  return `call_${responseId}_${index}`;
}
