import type { ChatRequest, FieldReader } from '@fluxcore/message';

/** Temperature, `top_p`, the penalties, `seed` and `stop` (a string or a list). */
export function readSampling(body: FieldReader, request: ChatRequest): void {
  const temperature = body.number('temperature');
  if (temperature !== undefined) request.temperature = temperature;
  const topP = body.number('top_p');
  if (topP !== undefined) request.topP = topP;
  const frequencyPenalty = body.number('frequency_penalty');
  if (frequencyPenalty !== undefined) request.frequencyPenalty = frequencyPenalty;
  const presencePenalty = body.number('presence_penalty');
  if (presencePenalty !== undefined) request.presencePenalty = presencePenalty;
  const seed = body.integer('seed');
  if (seed !== undefined) request.seed = seed;
  const stop = readStop(body);
  if (stop !== undefined) request.stopSequences = stop;
}

/** `stop`: one sequence as a string, or a list of them. */
function readStop(body: FieldReader): string[] | undefined {
  const stop = body.raw('stop');
  if (typeof stop === 'string') return [stop];
  if (stop !== undefined && !Array.isArray(stop)) throw body.fail(body.at('stop'), 'a string or an array of strings');
  return body.stringArray('stop');
}
