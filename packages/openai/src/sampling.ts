import { readNumericSettings, setDefined, type ChatRequest, type FieldReader, type NumericSettingNames } from '@fluxcore/message';

/** The sampling settings that are any number. */
const NUMBER_SETTINGS: NumericSettingNames = {
  temperature: 'temperature',
  top_p: 'topP',
  frequency_penalty: 'frequencyPenalty',
  presence_penalty: 'presencePenalty',
};

/** Temperature, `top_p`, the penalties, `seed` (an integer) and `stop` (a string or a list). */
export function readSampling(body: FieldReader, request: ChatRequest): void {
  readNumericSettings(body, NUMBER_SETTINGS, request);
  setDefined(request, 'seed', body.integer('seed'));
  setDefined(request, 'stopSequences', readStop(body));
}

/** `stop`: one sequence as a string, or a list of them. */
function readStop(body: FieldReader): string[] | undefined {
  const stop = body.raw('stop');
  if (typeof stop === 'string') return [stop];
  if (stop !== undefined && !Array.isArray(stop)) throw body.fail(body.at('stop'), 'a string or an array of strings');
  return body.stringArray('stop');
}
