import type { ChatRequest, FieldReader, JsonObject } from '@fluxcore/message';

/** The wire names of the sampling settings, which Cohere v1 and v2 name alike. */
export const SAMPLING_FIELDS: readonly string[] = ['max_tokens', 'temperature', 'p', 'k', 'seed', 'frequency_penalty', 'presence_penalty', 'stop_sequences'];

/** Read the sampling settings of a client's request body into `request`; only those sent are set. */
export function readSampling(fields: FieldReader, request: ChatRequest): void {
  setIf(request, 'maxTokens', fields.number('max_tokens'));
  setIf(request, 'temperature', fields.number('temperature'));
  setIf(request, 'topP', fields.number('p'));
  setIf(request, 'topK', fields.number('k'));
  setIf(request, 'seed', fields.number('seed'));
  setIf(request, 'frequencyPenalty', fields.number('frequency_penalty'));
  setIf(request, 'presencePenalty', fields.number('presence_penalty'));
  setIf(request, 'stopSequences', fields.stringArray('stop_sequences'));
}

/** Write the sampling settings. Only what the request sets is written: 0 is a value and is sent. */
export function writeSampling(body: JsonObject, request: ChatRequest): void {
  setIf(body, 'max_tokens', request.maxTokens);
  setIf(body, 'temperature', request.temperature);
  setIf(body, 'p', request.topP);
  setIf(body, 'k', request.topK);
  setIf(body, 'seed', request.seed);
  setIf(body, 'frequency_penalty', request.frequencyPenalty);
  setIf(body, 'presence_penalty', request.presencePenalty);
  setIf(body, 'stop_sequences', request.stopSequences);
}

function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
