import { FluxError } from '@fluxcore/errors';
import type { JsonObject, JsonValue } from '@fluxcore/message';

/** Builds the error for a field that does not have the expected shape. */
export type FieldError = (param: string, expected: string) => FluxError;

/** A client sent a malformed request: `invalid_request`, naming the field. */
export const invalidRequest: FieldError = (param, expected) =>
  new FluxError({ category: 'invalid_request', message: `${param}: expected ${expected}`, param });

/** The upstream answered with something malformed: `upstream_protocol`. */
export const invalidUpstream: FieldError = (param, expected) =>
  new FluxError({ category: 'upstream_protocol', message: `Gemini response ${param}: expected ${expected}` });

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `max_output_tokens` -> `maxOutputTokens` (the proto JSON parser accepts both spellings). */
export function toCamel(key: string): string {
  if (!key.includes('_')) return key;
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * A view of a wire object with every key in camelCase. Google's REST examples often use
 * snake_case (`system_instruction`, `inline_data`); only structural keys are renamed, never the
 * contents of user data such as function arguments or schemas, which callers read raw. An
 * object whose keys are all camelCase already (every streamed chunk) is returned as it is.
 */
export function camelKeys(object: JsonObject): JsonObject {
  if (!hasSnakeKey(object)) return object;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    const camel = toCamel(key);
    if (!(camel in out) || key === camel) out[camel] = value;
  }
  return out;
}

function hasSnakeKey(object: JsonObject): boolean {
  for (const key of Object.keys(object)) if (key.includes('_')) return true;
  return false;
}

/** The fields of `object` not listed in `known`, or undefined when there are none. */
export function unknownFields(object: JsonObject, known: ReadonlySet<string>): JsonObject | undefined {
  let out: JsonObject | undefined;
  for (const [key, value] of Object.entries(object)) {
    if (known.has(key) || value === undefined) continue;
    (out ??= {})[key] = value;
  }
  return out;
}

/**
 * JSON text of a value read from the wire. JSON.parse accepts nesting that JSON.stringify
 * cannot write back (V8 gives up near 5,000 levels): such a value fails like any other
 * malformed field instead of escaping as a RangeError.
 */
export function jsonText(value: JsonValue, param: string, error: FieldError): string {
  try {
    return JSON.stringify(value);
  } catch (cause) {
    if (cause instanceof RangeError) throw error(param, 'JSON nested less deeply');
    throw cause;
  }
}

/** Reads typed optional fields of one object, reporting bad values with their full path. */
export class FieldReader {
  readonly object: JsonObject;

  constructor(
    object: JsonObject,
    readonly path: string,
    readonly error: FieldError,
  ) {
    this.object = camelKeys(object);
  }

  /** `path.name`, or `name` at the top level. */
  at(name: string): string {
    return this.path === '' ? name : `${this.path}.${name}`;
  }

  raw(name: string): JsonValue | undefined {
    const value = this.object[name];
    return value === null ? undefined : value;
  }

  number(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.error(this.at(name), 'a number');
    return value;
  }

  integer(name: string): number | undefined {
    const value = this.number(name);
    if (value !== undefined && !Number.isInteger(value)) throw this.error(this.at(name), 'an integer');
    return value;
  }

  string(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw this.error(this.at(name), 'a string');
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw this.error(this.at(name), 'a boolean');
    return value;
  }

  record(name: string): JsonObject | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!isObject(value)) throw this.error(this.at(name), 'an object');
    return value;
  }

  array(name: string): JsonValue[] | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw this.error(this.at(name), 'an array');
    return value;
  }

  stringArray(name: string): string[] | undefined {
    const value = this.array(name);
    if (value === undefined) return undefined;
    value.forEach((item, i) => {
      if (typeof item !== 'string') throw this.error(`${this.at(name)}[${i}]`, 'a string');
    });
    return value as string[];
  }

  /** Fields not in `known`, for the protocol's `extras`. */
  rest(known: ReadonlySet<string>): JsonObject | undefined {
    return unknownFields(this.object, known);
  }
}
