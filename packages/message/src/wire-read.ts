import { FluxError } from '@fluxcore/errors';
import type { JsonObject, JsonValue } from './json.js';

/**
 * Reading wire JSON: one set of checks every adapter uses, on a client's request body and on a
 * provider's answer alike. Each check names the field by its path (`messages[2].content`) and
 * fails through a {@link FieldFailure}, which decides the error's category: `invalid_request`
 * (HTTP 400, `param` set) for what a client sent, `upstream_protocol` for what a provider sent.
 *
 * Absent and `null` read the same way (undefined) in every optional reader: the official SDKs
 * send `null` for an unset field.
 */

/** Builds the error for a wire value at `path` that is not what was `expected`. */
export type FieldFailure = (path: string, expected: string) => FluxError;

/** The client sent something malformed: `invalid_request`, naming the field in `param`. */
export const invalidRequest: FieldFailure = (path, expected) =>
  new FluxError({ category: 'invalid_request', message: `${path}: expected ${expected}`, param: path });

/**
 * The provider answered something we cannot read: `upstream_protocol`. `source` starts the
 * message (`anthropic`, `Gemini response`) so a log line says whose answer it was.
 */
export function upstreamProtocol(source: string): FieldFailure {
  return (path, expected) => new FluxError({ category: 'upstream_protocol', message: `${source} ${path}: expected ${expected}` });
}

/** A plain JSON object: not null, not an array. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `path.key`, or `key` at the top level (`path` empty). */
export function fieldPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

export function expectObject(value: unknown, path: string, fail: FieldFailure): JsonObject {
  if (!isObject(value)) throw fail(path, 'an object');
  return value;
}

export function expectArray(value: unknown, path: string, fail: FieldFailure): JsonValue[] {
  if (!Array.isArray(value)) throw fail(path, 'an array');
  return value as JsonValue[];
}

export function expectString(value: unknown, path: string, fail: FieldFailure): string {
  if (typeof value !== 'string') throw fail(path, 'a string');
  return value;
}

export function optionalString(value: unknown, path: string, fail: FieldFailure): string | undefined {
  if (value === undefined || value === null) return undefined;
  return expectString(value, path, fail);
}

/** A finite number (JSON has no NaN or Infinity, but a parsed body may be handed in by code). */
export function optionalNumber(value: unknown, path: string, fail: FieldFailure): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw fail(path, 'a number');
  return value;
}

export function optionalInteger(value: unknown, path: string, fail: FieldFailure): number | undefined {
  const number = optionalNumber(value, path, fail);
  if (number !== undefined && !Number.isInteger(number)) throw fail(path, 'an integer');
  return number;
}

/** A count of things (tokens, choices): an integer >= 0. */
export function optionalCount(value: unknown, path: string, fail: FieldFailure): number | undefined {
  const number = optionalNumber(value, path, fail);
  if (number !== undefined && (!Number.isInteger(number) || number < 0)) throw fail(path, 'a non-negative integer');
  return number;
}

export function optionalBoolean(value: unknown, path: string, fail: FieldFailure): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw fail(path, 'a boolean');
  return value;
}

export function optionalObject(value: unknown, path: string, fail: FieldFailure): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  return expectObject(value, path, fail);
}

export function optionalArray(value: unknown, path: string, fail: FieldFailure): JsonValue[] | undefined {
  if (value === undefined || value === null) return undefined;
  return expectArray(value, path, fail);
}

export function optionalStringArray(value: unknown, path: string, fail: FieldFailure): string[] | undefined {
  const array = optionalArray(value, path, fail);
  array?.forEach((item, i) => expectString(item, `${path}[${i}]`, fail));
  return array as string[] | undefined;
}

/**
 * The optional readers bound to one object, its path and its failure: `fields.string('model')`
 * reads `object.model` and names `path.model` when it is wrong.
 */
export class FieldReader {
  constructor(
    readonly object: JsonObject,
    readonly path: string,
    readonly fail: FieldFailure,
  ) {}

  /** The path of field `key` of this object. */
  at(key: string): string {
    return fieldPath(this.path, key);
  }

  /** The value as sent, with `null` read as absent. */
  raw(key: string): JsonValue | undefined {
    const value = this.object[key];
    return value === null ? undefined : value;
  }

  // A well-formed value is returned at once: the field's path, a new string, is built only for
  // a value that still needs checking (stream decoders read several fields of every frame).

  string(key: string): string | undefined {
    const value = this.object[key];
    return typeof value === 'string' ? value : this.check(value, key, optionalString);
  }

  number(key: string): number | undefined {
    const value = this.object[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : this.check(value, key, optionalNumber);
  }

  integer(key: string): number | undefined {
    const value = this.object[key];
    return typeof value === 'number' && Number.isInteger(value) ? value : this.check(value, key, optionalInteger);
  }

  count(key: string): number | undefined {
    const value = this.object[key];
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : this.check(value, key, optionalCount);
  }

  boolean(key: string): boolean | undefined {
    const value = this.object[key];
    return typeof value === 'boolean' ? value : this.check(value, key, optionalBoolean);
  }

  record(key: string): JsonObject | undefined {
    const value = this.object[key];
    return isObject(value) ? value : this.check(value, key, optionalObject);
  }

  /** The object at `key` as a reader of its own fields, named under this path; undefined when absent. */
  reader(key: string): FieldReader | undefined {
    const object = this.record(key);
    return object === undefined ? undefined : new FieldReader(object, this.at(key), this.fail);
  }

  array(key: string): JsonValue[] | undefined {
    const value = this.object[key];
    return Array.isArray(value) ? value : this.check(value, key, optionalArray);
  }

  stringArray(key: string): string[] | undefined {
    return this.check(this.object[key], key, optionalStringArray);
  }

  /** Absent and `null` read as undefined; any other value goes to `read`, with its path. */
  private check<T>(value: JsonValue | undefined, key: string, read: (value: unknown, path: string, fail: FieldFailure) => T | undefined): T | undefined {
    return value === undefined || value === null ? undefined : read(value, this.at(key), this.fail);
  }

  /** The fields not in `known`, kept for a lossless same-protocol trip (the protocol's extras). */
  rest(known: ReadonlySet<string>): JsonObject | undefined {
    return unknownFields(this.object, known);
  }
}

/** The entries of `source` whose keys are not in `known`, or undefined when there are none. */
export function unknownFields(source: JsonObject, known: ReadonlySet<string>): JsonObject | undefined {
  let rest: JsonObject | undefined;
  for (const [key, value] of Object.entries(source)) {
    if (known.has(key) || value === undefined) continue;
    (rest ??= {})[key] = value;
  }
  return rest;
}

/** Drops undefined values so the JSON we write holds only what was given (0 and false stay). */
export function compact(object: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined) out[key] = value;
  return out;
}

/**
 * JSON text of a value read from the wire. JSON.parse accepts nesting that JSON.stringify
 * cannot write back (V8 gives up near 5,000 levels): such a value fails like any other
 * malformed field, at `path`, instead of escaping as a RangeError.
 */
export function jsonText(value: JsonValue, path: string, fail: FieldFailure): string {
  try {
    return JSON.stringify(value);
  } catch (cause) {
    if (cause instanceof RangeError) throw fail(path, 'JSON nested less deeply');
    throw cause;
  }
}

/** Parses JSON text, or undefined when it is not JSON. */
export function tryParseJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

/** A short, always printable account of an unexpected value, for error messages. */
export function preview(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (isObject(value)) return 'an object';
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : String(value);
}
