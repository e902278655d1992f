import type { NumericSettingNames } from '@fluxcore/message';

/** The `options` the IR models as numeric settings (besides `stop`), with the IR field each is. */
export const OPTION_SETTINGS: NumericSettingNames = {
  temperature: 'temperature',
  top_p: 'topP',
  top_k: 'topK',
  num_predict: 'maxTokens',
  seed: 'seed',
  frequency_penalty: 'frequencyPenalty',
  presence_penalty: 'presencePenalty',
};

/** Every `options` field the IR models; the others (`num_ctx`, `mirostat`, ...) stay in extras. */
export const MODELLED_OPTIONS: ReadonlySet<string> = new Set([...Object.keys(OPTION_SETTINGS), 'stop']);
