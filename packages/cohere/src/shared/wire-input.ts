import { FluxError } from '@fluxcore/errors';
import { type JsonObject, type JsonValue } from '@fluxcore/message';
import { readJsonFrame, type JsonFrameReader } from '@fluxcore/message/internal';

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The client's request is wrong: name the field and say what was expected. */
export function invalidRequest(param: string, expected: string): FluxError {
  return new FluxError({ category: 'invalid_request', message: `${param}: ${expected}`, param });
}

/** The upstream answered with something we cannot read. */
export function upstreamProtocol(message: string, cause?: unknown): FluxError {
  return new FluxError({ category: 'upstream_protocol', message: `cohere: ${message}`, cause });
}

/** Fails with `invalid_request` for a value that is present but not a string. */
export function optionalString(value: unknown, param: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidRequest(param, 'expected a string');
  return value;
}

/** Fails with `invalid_request` for a value that is present but not a finite number. */
export function optionalNumber(value: unknown, param: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidRequest(param, 'expected a number');
  return value;
}

/** Fails with `invalid_request` for a value that is present but not a boolean. */
export function optionalBoolean(value: unknown, param: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidRequest(param, 'expected true or false');
  return value;
}

/** Fails with `invalid_request` for a value that is present but not an array of strings. */
export function optionalStringArray(value: unknown, param: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw invalidRequest(param, 'expected an array of strings');
  }
  return value as string[];
}

/** Fails with `invalid_request` for a value that is not a JSON object. */
export function requireObject(value: unknown, param: string): JsonObject {
  if (!isObject(value)) throw invalidRequest(param, 'expected an object');
  return value;
}

/** The fields of `source` not listed in `known`, or undefined when there are none. */
export function leftoverFields(source: JsonObject, known: ReadonlySet<string>): JsonObject | undefined {
  let rest: JsonObject | undefined;
  for (const [key, value] of Object.entries(source)) {
    if (known.has(key)) continue;
    rest ??= {};
    rest[key] = value;
  }
  return rest;
}

/**
 * JSON text of a value read from the wire. JSON.parse accepts nesting that JSON.stringify
 * cannot write back (V8 gives up near 5,000 levels): such a value fails with `tooDeep()`, the
 * caller's FluxError naming the field, instead of escaping as a RangeError.
 */
export function jsonText(value: JsonValue, tooDeep: () => FluxError): string {
  try {
    return JSON.stringify(value);
  } catch (cause) {
    if (cause instanceof RangeError) throw tooDeep();
    throw cause;
  }
}

/** Copies a JSON value out of an `unknown` that is known to come from JSON.parse. */
export function asJson(value: unknown): JsonValue {
  return value as JsonValue;
}

/**
 * One frame of an upstream stream (a v1 NDJSON line, a v2 SSE event) as a JSON object: read by
 * `reader` when it repeats a shape the reader learned (no JSON.parse), else parsed and shown
 * to the reader. The object `reader` gives may be reused for the next frame.
 */
export function parseStreamFrame(text: string, frame: 'line' | 'event', reader: JsonFrameReader): JsonObject {
  return readJsonFrame(reader, text, (json) => parseFrameJson(json, frame));
}

function parseFrameJson(text: string, frame: 'line' | 'event'): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw upstreamProtocol(`stream ${frame} is not JSON: ${text.slice(0, 120)}`, cause);
  }
  if (!isObject(parsed)) throw upstreamProtocol(`stream ${frame} is not a JSON object`);
  return parsed;
}
