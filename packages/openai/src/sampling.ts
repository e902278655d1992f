import type { ChatRequest, JsonObject } from '@fluxcore/message';
import { field, invalid } from './read.js';

/** Temperature, `top_p`, the penalties, `seed` and `stop` (a string or a list). */
export function readSampling(body: JsonObject, request: ChatRequest): void {
  const temperature = field.number(body, 'temperature');
  if (temperature !== undefined) request.temperature = temperature;
  const topP = field.number(body, 'top_p');
  if (topP !== undefined) request.topP = topP;
  const frequencyPenalty = field.number(body, 'frequency_penalty');
  if (frequencyPenalty !== undefined) request.frequencyPenalty = frequencyPenalty;
  const presencePenalty = field.number(body, 'presence_penalty');
  if (presencePenalty !== undefined) request.presencePenalty = presencePenalty;
  const seed = field.number(body, 'seed');
  if (seed !== undefined) {
    if (!Number.isInteger(seed)) throw invalid('seed', 'an integer');
    request.seed = seed;
  }
  const stop = body.stop;
  if (typeof stop === 'string') request.stopSequences = [stop];
  else if (Array.isArray(stop)) {
    request.stopSequences = stop.map((s, i) => {
      if (typeof s !== 'string') throw invalid(`stop[${i}]`, 'a string');
      return s;
    });
  } else if (stop !== undefined && stop !== null) throw invalid('stop', 'a string or an array of strings');
}
