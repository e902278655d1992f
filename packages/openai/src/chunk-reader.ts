import { JsonShape, type JsonObject, type JsonSlot } from '@fluxcore/message';
import { isObject } from './read.js';

/**
 * Reads the `data:` text of stream chunks that JSON.parse did not have to: the decoder asks it
 * first, parses what it cannot read, and shows it every parsed chunk to learn from.
 */
export interface ChunkReader {
  /** The chunk `data` parses to, or undefined to parse it. The object may be reused by the next read. */
  read(data: string): JsonObject | undefined;
  /** `data` parsed to `chunk`, which the reader may keep and reuse. */
  parsed(data: string, chunk: JsonObject): void;
}

/** New shapes one stream may learn: each costs about one JSON.parse, a stream whose chunks never repeat pays that many. */
const MAX_SHAPES = 8;

/** The delta fields that change from chunk to chunk of a streamed answer. */
const DELTA_TEXT_FIELDS = ['content', 'reasoning_content', 'reasoning'];

/**
 * Most chunks of a Chat Completions stream are the same envelope (id, model, created, choice
 * index, `finish_reason: null`, ...) around a new piece of text. This reader learns that shape
 * from a parsed chunk, with the text fields of the first choice's delta, its first tool call's
 * argument fragment and the `obfuscation` padding left open ({@link JsonShape}), and reads the
 * next chunks of that shape without JSON.parse. A chunk of another shape is parsed, and
 * replaces the shape (a stream learns at most {@link MAX_SHAPES} of them).
 */
export class RepeatedChunkReader implements ChunkReader {
  private shape: JsonShape | undefined;
  private shapesLeft = MAX_SHAPES;

  read(data: string): JsonObject | undefined {
    return this.shape?.read(data) as JsonObject | undefined;
  }

  parsed(data: string, chunk: JsonObject): void {
    if (this.shapesLeft === 0) return;
    const slots = changingFields(chunk);
    if (slots.length === 0) return;
    this.shapesLeft--;
    this.shape = JsonShape.learn(data, chunk, slots);
  }
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
  // A chunk with no text (the role chunk that opens a stream) is rarely repeated.
  if (slots.every((slot) => slot.object[slot.key] === '')) return [];
  if (typeof chunk.obfuscation === 'string') slots.push({ object: chunk, key: 'obfuscation' });
  return slots;
}
