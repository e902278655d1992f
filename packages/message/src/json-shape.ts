import type { JsonObject, JsonValue } from './json.js';

/** A string or number leaf of a parsed JSON value that may differ from one text of a shape to the next. */
export interface JsonSlot {
  /** The object holding the value. */
  readonly object: JsonObject;
  /** Its key in that object. */
  readonly key: string;
}

const QUOTE = 34;
const BACKSLASH = 92;
/** JSON strings cannot hold a raw character below U+0020. */
const FIRST_PLAIN_CHAR = 32;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;
const UPPER_E = 69;

/** How a slot's value is written: a string between quotes, or a number. */
type SlotKind = 'string' | 'number';

/**
 * The text of one JSON value with some string or number leaves (its slots) left open, learned
 * from a text JSON.parse has read. A later text that repeats every other character and holds a
 * valid JSON string (or number) in each slot parses to the same value with only those leaves
 * changed: JSON's tokens do not depend on their neighbours, so the slot tokens are the only
 * ones that differ. {@link JsonShape.read} checks exactly that (native comparisons of the fixed
 * text and a scan of the slot tokens), about 5x cheaper than JSON.parse on a streamed chunk;
 * any other text gets `undefined` and goes to JSON.parse as before.
 *
 * Stream decoders use it for the frames that repeat: a chunk envelope around one piece of text.
 */
export class JsonShape {
  private constructor(
    /** The text around the slot tokens: before the first, between two, and after the last. */
    private readonly fixed: readonly string[],
    private readonly slots: readonly JsonSlot[],
    private readonly kinds: readonly SlotKind[],
    private readonly value: JsonValue,
  ) {}

  /**
   * The shape of `text`, which JSON.parse read as `value`, with `slots` (string or number
   * leaves of `value`) left open. Undefined when `text` is not written the way JSON.stringify
   * writes `value` outside the slots (spaces, escapes, duplicate keys): such texts are never
   * matched.
   */
  static learn(text: string, value: JsonValue, slots: readonly JsonSlot[]): JsonShape | undefined {
    const originals = slots.map((slot) => slot.object[slot.key]);
    if (originals.some((original) => typeof original !== 'string' && typeof original !== 'number')) return undefined;
    const fixed = fixedParts(value, slots);
    if (fixed === undefined) return undefined;
    const kinds = fixed.slots.map((slot): SlotKind => (typeof slot.object[slot.key] === 'number' ? 'number' : 'string'));
    const shape = new JsonShape(fixed.parts, fixed.slots, kinds, value);
    const matches = shape.read(text) !== undefined && slots.every((slot, i) => slot.object[slot.key] === originals[i]);
    // A read that failed half way may have written some slots: `value` is the caller's.
    slots.forEach((slot, i) => (slot.object[slot.key] = originals[i]!));
    return matches ? shape : undefined;
  }

  /**
   * What JSON.parse would give for `text` when it has this shape: the learned value, with the
   * slot values of `text` written into it. The same object is returned by every read, so it
   * is only valid until the next one. Undefined when `text` does not have this shape.
   */
  read(text: string): JsonValue | undefined {
    const { fixed, slots, kinds } = this;
    let position = 0;
    const last = fixed.length - 1;
    for (let i = 0; i < last; i++) {
      const part = fixed[i]!;
      if (!textAt(text, position, part)) return undefined;
      position += part.length;
      const number = kinds[i] === 'number';
      const end = number ? numberEnd(text, position) : stringEnd(text, position);
      if (end === -1) return undefined;
      const leaf = number ? Number(text.slice(position, end)) : stringValue(text, position, end);
      if (leaf === undefined) return undefined;
      // Written at once: a text that fails later leaves a value no one reads until the next success rewrites every slot.
      const slot = slots[i]!;
      slot.object[slot.key] = leaf;
      // A string's closing quote starts the next fixed part; a number's next character does.
      position = end;
    }
    const tail = fixed[last]!;
    if (text.length - position !== tail.length || !textAt(text, position, tail)) return undefined;
    return this.value;
  }
}

/**
 * JSON.stringify's text of `value` cut around the slots, found by writing a marker string into
 * each: a marker whose text occurs once in the output is that slot's token. The quotes of a
 * string slot belong to the fixed parts; a number slot's token is all of the marker's. The
 * slots are returned in text order.
 */
function fixedParts(value: JsonValue, slots: readonly JsonSlot[]): { parts: string[]; slots: JsonSlot[] } | undefined {
  const originals = slots.map((slot) => slot.object[slot.key]!);
  const numbers = originals.map((original) => typeof original === 'number');
  const markers = slots.map((_, i) => `\u0000fluxcore json shape slot ${i}\u0000`);
  let text: string;
  try {
    slots.forEach((slot, i) => (slot.object[slot.key] = markers[i]!));
    text = JSON.stringify(value);
  } catch {
    // Nested too deeply to write back: no shape.
    return undefined;
  } finally {
    slots.forEach((slot, i) => (slot.object[slot.key] = originals[i]!));
  }
  const found = markers.map((marker, i) => {
    const token = JSON.stringify(marker);
    return { at: text.indexOf(token), marker: token, slot: slots[i]!, quotes: numbers[i] ? 0 : 1 };
  });
  if (found.some(({ at, marker }) => at === -1 || text.lastIndexOf(marker) !== at)) return undefined;
  found.sort((a, b) => a.at - b.at);
  const parts: string[] = [];
  let start = 0;
  for (const { at, marker, quotes } of found) {
    parts.push(text.slice(start, at + quotes));
    start = at + marker.length - quotes;
  }
  parts.push(text.slice(start));
  return { parts, slots: found.map(({ slot }) => slot) };
}

/** `part` is at `position` in `text`. A slice compared with === is ~10x faster than startsWith in V8. */
function textAt(text: string, position: number, part: string): boolean {
  return text.slice(position, position + part.length) === part;
}

/**
 * Index of the quote that closes the JSON string whose characters start at `from`, or -1 when
 * the text ends first or holds a raw control character. A backslash skips the next character;
 * whether the escapes are valid is left to {@link stringValue}.
 */
function stringEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) return i;
    if (code === BACKSLASH) i++;
    else if (code < FIRST_PLAIN_CHAR) return -1;
  }
  return -1;
}

/**
 * Index just past the JSON number that starts at `from` (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`),
 * or -1 when none does. Whatever follows is checked by the next fixed part.
 */
function numberEnd(text: string, from: number): number {
  let i = from;
  if (text.charCodeAt(i) === MINUS) i++;
  if (text.charCodeAt(i) === ZERO) i++;
  else if (isDigit(text.charCodeAt(i))) i = digitsEnd(text, i);
  else return -1;
  if (text.charCodeAt(i) === DOT) {
    if (!isDigit(text.charCodeAt(i + 1))) return -1;
    i = digitsEnd(text, i + 1);
  }
  const e = text.charCodeAt(i);
  if (e === LOWER_E || e === UPPER_E) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === PLUS || sign === MINUS) i++;
    if (!isDigit(text.charCodeAt(i))) return -1;
    i = digitsEnd(text, i);
  }
  return i;
}

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

function digitsEnd(text: string, from: number): number {
  let i = from;
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** The value of the JSON string characters `text[start, end)`, or undefined for a bad escape. */
function stringValue(text: string, start: number, end: number): string | undefined {
  const raw = text.slice(start, end);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
}

/**
 * What a stream decoder asks before it JSON.parses a frame's text, and tells after: the
 * reading side of {@link RepeatedJsonReader}, which tests replace to compare with JSON.parse.
 */
export interface JsonFrameReader {
  /** The value `text` parses to, or undefined to parse it. The value may be reused by the next read. */
  read(text: string): JsonObject | undefined;
  /** `text` parsed to `value`, which the reader may keep and reuse. */
  parsed(text: string, value: JsonObject): void;
}

/**
 * The JSON object a frame's `text` holds: read by `reader` when it repeats a learned shape,
 * otherwise parsed by `parse` (which throws the decoder's own error) and shown to the reader.
 */
export function readJsonFrame(reader: JsonFrameReader, text: string, parse: (text: string) => JsonObject): JsonObject {
  const known = reader.read(text);
  if (known !== undefined) return known;
  const parsed = parse(text);
  reader.parsed(text, parsed);
  return parsed;
}

/** New shapes one stream may learn: each costs about one JSON.parse, so a stream whose frames never repeat pays that many. */
const MAX_SHAPES = 8;

/**
 * Reads the frames of a stream that repeat one shape, such as a chunk envelope around a piece
 * of text, without JSON.parse. It learns a {@link JsonShape} from a parsed frame, with the
 * string fields `openFields` picks left open, and reads the next frames of that shape. A frame
 * of another shape is parsed as usual and replaces the shape, up to eight shapes a stream.
 * A frame whose open fields are all empty (a role or start chunk) teaches nothing.
 */
export class RepeatedJsonReader implements JsonFrameReader {
  private shape: JsonShape | undefined;
  private shapesLeft = MAX_SHAPES;

  /** `openFields` lists the string fields of a parsed frame that change from frame to frame (none: do not learn it). */
  constructor(private readonly openFields: (value: JsonObject) => JsonSlot[]) {}

  read(text: string): JsonObject | undefined {
    return this.shape?.read(text) as JsonObject | undefined;
  }

  parsed(text: string, value: JsonObject): void {
    if (this.shapesLeft === 0) return;
    const slots = this.openFields(value);
    if (slots.every((slot) => slot.object[slot.key] === '')) return;
    this.shapesLeft--;
    this.shape = JsonShape.learn(text, value, slots);
  }
}
