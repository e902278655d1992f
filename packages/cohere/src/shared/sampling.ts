import type { ChatRequest, JsonObject } from '@fluxcore/message';

/**
 * Write the sampling settings, which Cohere v1 and v2 name alike. Only what the request sets is
 * written: 0 is a value and is sent.
 */
export function writeSampling(body: JsonObject, request: ChatRequest): void {
  setIf(body, 'max_tokens', request.maxTokens);
  setIf(body, 'temperature', request.temperature);
  setIf(body, 'p', request.topP);
  setIf(body, 'k', request.topK);
  setIf(body, 'seed', request.seed);
  setIf(body, 'frequency_penalty', request.frequencyPenalty);
  setIf(body, 'presence_penalty', request.presencePenalty);
  if (request.stopSequences !== undefined) body.stop_sequences = request.stopSequences;
}

function setIf(body: JsonObject, key: string, value: number | undefined): void {
  if (value !== undefined) body[key] = value;
}
