import { readNumericSettings, setDefined, writeNumericSettings } from '@fluxcore/message';
import type { ChatRequest, FieldReader, JsonObject, NumericSettingNames } from '@fluxcore/message';

/** The wire names of the numeric settings, which Cohere v1 and v2 name alike. */
const NUMERIC_SETTINGS: NumericSettingNames = {
  max_tokens: 'maxTokens',
  temperature: 'temperature',
  p: 'topP',
  k: 'topK',
  seed: 'seed',
  frequency_penalty: 'frequencyPenalty',
  presence_penalty: 'presencePenalty',
};

/** The wire names of the sampling settings, numeric ones and `stop_sequences`. */
export const SAMPLING_FIELDS: readonly string[] = [...Object.keys(NUMERIC_SETTINGS), 'stop_sequences'];

/** Read the sampling settings of a client's request body into `request`; only those sent are set. */
export function readSampling(fields: FieldReader, request: ChatRequest): void {
  readNumericSettings(fields, NUMERIC_SETTINGS, request);
  setDefined(request, 'stopSequences', fields.stringArray('stop_sequences'));
}

/** Write the sampling settings. Only what the request sets is written: 0 is a value and is sent. */
export function writeSampling(body: JsonObject, request: ChatRequest): void {
  writeNumericSettings(request, NUMERIC_SETTINGS, body);
  setDefined(body, 'stop_sequences', request.stopSequences);
}
