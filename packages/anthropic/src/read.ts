import { FluxError } from '@fluxcore/errors';
import type { JsonObject, JsonValue } from '@fluxcore/message';

/**
 * Builds the error for a field that is not what we expected. Inbound (client) input gets
 * `invalid_request` naming the field; upstream (provider) input gets `upstream_protocol`.
 */
export type Failure = (path: string, expected: string) => FluxError;

/** The client sent something malformed. */
export const invalidRequest: Failure = (path, expected) =>
  new FluxError({ category: 'invalid_request', message: `${path}: expected ${expected}`, param: path });

/** The provider answered something we cannot read. */
export const badUpstream: Failure = (path, expected) =>
  new FluxError({ category: 'upstream_protocol', message: `anthropic ${path}: expected ${expected}` });

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown, path: string, fail: Failure): JsonObject {
  if (!isObject(value)) throw fail(path, 'an object');
  return value;
}

export function asArray(value: unknown, path: string, fail: Failure): JsonValue[] {
  if (!Array.isArray(value)) throw fail(path, 'an array');
  return value as JsonValue[];
}

export function asString(value: unknown, path: string, fail: Failure): string {
  if (typeof value !== 'string') throw fail(path, 'a string');
  return value;
}

/** A field that may be absent (or null); when present it must be a string. */
export function optionalString(object: JsonObject, key: string, path: string, fail: Failure): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  return asString(value, `${path}.${key}`, fail);
}

/** A field that may be absent (or null); when present it must be a finite number. */
export function optionalNumber(object: JsonObject, key: string, path: string, fail: Failure): number | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw fail(`${path}.${key}`, 'a number');
  return value;
}

/** A field that may be absent (or null); when present it must be an integer >= 0. */
export function optionalCount(object: JsonObject, key: string, path: string, fail: Failure): number | undefined {
  const value = optionalNumber(object, key, path, fail);
  if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw fail(`${path}.${key}`, 'an integer >= 0');
  return value;
}

/** A field that may be absent (or null); when present it must be a boolean. */
export function optionalBoolean(object: JsonObject, key: string, path: string, fail: Failure): boolean | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw fail(`${path}.${key}`, 'a boolean');
  return value;
}

/** The fields of `object` other than `known`, or undefined when there are none. */
export function leftovers(object: JsonObject, known: readonly string[]): JsonObject | undefined {
  let rest: JsonObject | undefined;
  for (const [key, value] of Object.entries(object)) {
    if (known.includes(key)) continue;
    rest ??= {};
    rest[key] = value;
  }
  return rest;
}

/**
 * JSON text of a value read from the wire. JSON.parse accepts nesting that JSON.stringify
 * cannot write back (V8 gives up near 5,000 levels): such a value fails like any other
 * malformed field instead of escaping as a RangeError.
 */
export function jsonText(value: JsonValue, path: string, fail: Failure): string {
  try {
    return JSON.stringify(value);
  } catch (cause) {
    if (cause instanceof RangeError) throw fail(path, 'JSON nested less deeply');
    throw cause;
  }
}

/** A short, always printable account of an unexpected value, for error messages. */
export function preview(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : String(value);
}

/** Parse JSON text, or undefined when it is not JSON. */
export function tryParseJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}
