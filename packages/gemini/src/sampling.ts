import { readNumericSettings, setDefined, writeNumericSettings } from '@fluxcore/message';
import type { ChatRequest, FieldReader, JsonObject, NumericSettingNames } from '@fluxcore/message';

/** The `generationConfig` settings that are integers. */
const INTEGER_SETTINGS: NumericSettingNames = { maxOutputTokens: 'maxTokens', seed: 'seed' };

/** The `generationConfig` settings that are any number. */
const NUMBER_SETTINGS: NumericSettingNames = {
  temperature: 'temperature',
  topP: 'topP',
  topK: 'topK',
  presencePenalty: 'presencePenalty',
  frequencyPenalty: 'frequencyPenalty',
};

/** The `generationConfig` fields the sampling settings use. */
export const SAMPLING_KEYS: readonly string[] = [...Object.keys(INTEGER_SETTINGS), ...Object.keys(NUMBER_SETTINGS), 'stopSequences'];

/** Read the sampling settings of a client's `generationConfig` into `request`; only those sent are set. */
export function readSampling(generation: FieldReader, request: ChatRequest): void {
  readNumericSettings(generation, INTEGER_SETTINGS, request, 'integer');
  readNumericSettings(generation, NUMBER_SETTINGS, request);
  setDefined(request, 'stopSequences', generation.stringArray('stopSequences'));
}

/** Write the sampling settings the request sets into `generationConfig` (0 is a value and is sent). */
export function writeSampling(request: ChatRequest, config: JsonObject): void {
  writeNumericSettings(request, INTEGER_SETTINGS, config);
  writeNumericSettings(request, NUMBER_SETTINGS, config);
  setDefined(config, 'stopSequences', request.stopSequences);
}
