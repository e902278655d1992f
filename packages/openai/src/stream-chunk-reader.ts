import { isObject, type JsonObject } from '@fluxcore/message';
import { RepeatedJsonReader, type JsonSlot } from '@fluxcore/message/internal';

/** The delta fields that change from chunk to chunk of a streamed answer. */
const DELTA_TEXT_FIELDS = ['content', 'reasoning_content', 'reasoning'];

/**
 * Most chunks of a Chat Completions stream are the same envelope (id, model, created, choice
 * index, `finish_reason: null`, ...) around a new piece of text. This reader reads them without
 * JSON.parse ({@link RepeatedJsonReader}), with the text fields of the first choice's delta, its
 * first tool call's argument fragment and the `obfuscation` padding left open.
 */
export function repeatedChunkReader(): RepeatedJsonReader {
  return new RepeatedJsonReader(changingFields);
}

/** The string fields of `chunk` that may change from one chunk to the next. */
function changingFields(chunk: JsonObject): JsonSlot[] {
  const slots: JsonSlot[] = [];
  const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
  const delta = isObject(choice) && isObject(choice.delta) ? choice.delta : undefined;
  if (delta === undefined) return slots;
  for (const key of DELTA_TEXT_FIELDS) if (typeof delta[key] === 'string') slots.push({ object: delta, key });
  const call = Array.isArray(delta.tool_calls) ? delta.tool_calls[0] : undefined;
  const fn = isObject(call) && isObject(call.function) ? call.function : undefined;
  if (fn !== undefined && typeof fn.arguments === 'string') slots.push({ object: fn, key: 'arguments' });
  // A chunk with no text (the role chunk opening a stream) teaches nothing, padding or not.
  if (slots.every((slot) => slot.object[slot.key] === '')) return [];
  if (typeof chunk.obfuscation === 'string') slots.push({ object: chunk, key: 'obfuscation' });
  return slots;
}
