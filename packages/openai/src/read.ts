import { FluxError } from '@fluxcore/errors';
import type { JsonObject, JsonValue } from '@fluxcore/message';

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The caller's request is malformed at `param`: say what was expected. */
export function invalid(param: string, expected: string): FluxError {
  return new FluxError({ category: 'invalid_request', message: `${param}: expected ${expected}`, param });
}

/** The upstream answered something we cannot read. */
export function malformed(message: string, cause?: unknown): FluxError {
  return new FluxError({ category: 'upstream_protocol', message: `openai: ${message}`, cause });
}

/**
 * JSON text of a value the upstream sent. JSON.parse accepts nesting that JSON.stringify
 * cannot write back (V8 gives up near 5,000 levels): such a value is a malformed answer at
 * `path`, not a RangeError escaping to the caller.
 */
export function jsonText(value: JsonValue, path: string): string {
  try {
    return JSON.stringify(value);
  } catch (cause) {
    if (cause instanceof RangeError) throw malformed(`${path}: expected JSON nested less deeply`);
    throw cause;
  }
}

/** Readers for request fields: each returns undefined for absent/null and throws `invalid` for a wrong type. */
export const field = {
  string(body: JsonObject, key: string, param = key): string | undefined {
    const value = body[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw invalid(param, 'a string');
    return value;
  },
  number(body: JsonObject, key: string, param = key): number | undefined {
    const value = body[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(param, 'a number');
    return value;
  },
  integer(body: JsonObject, key: string, param = key): number | undefined {
    const value = field.number(body, key, param);
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw invalid(param, 'a non-negative integer');
    return value;
  },
  boolean(body: JsonObject, key: string, param = key): boolean | undefined {
    const value = body[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw invalid(param, 'a boolean');
    return value;
  },
  object(body: JsonObject, key: string, param = key): JsonObject | undefined {
    const value = body[key];
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) throw invalid(param, 'an object');
    return value;
  },
  array(body: JsonObject, key: string, param = key): JsonValue[] | undefined {
    const value = body[key];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw invalid(param, 'an array');
    return value;
  },
};

/** The entries of `source` whose keys are not in `known` (unmodelled fields kept for a lossless trip). */
export function unknownFields(source: JsonObject, known: ReadonlySet<string>): JsonObject | undefined {
  let rest: JsonObject | undefined;
  for (const [key, value] of Object.entries(source)) {
    if (known.has(key) || value === undefined) continue;
    (rest ??= {})[key] = value;
  }
  return rest;
}

/** Drop undefined values so the JSON we write holds only what was given (0 and false stay). */
export function compact(object: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined) out[key] = value;
  return out;
}
