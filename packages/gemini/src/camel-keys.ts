import { FieldReader, isObject, type FieldFailure, type JsonObject } from '@fluxcore/message';

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

/** The readers over one Gemini wire object, which takes its keys in either spelling. */
export function camelFields(object: JsonObject, path: string, fail: FieldFailure): FieldReader {
  return new FieldReader(camelKeys(object), path, fail);
}

/** {@link camelFields} over a value that must be an object, failing with `expected` otherwise. */
export function expectCamelObject(value: unknown, path: string, fail: FieldFailure, expected: string): FieldReader {
  if (!isObject(value)) throw fail(path, expected);
  return camelFields(value, path, fail);
}

/** The readers over the object in field `key` of `fields`, or undefined when it is absent. */
export function camelRecord(fields: FieldReader, key: string): FieldReader | undefined {
  const object = fields.record(key);
  return object === undefined ? undefined : camelFields(object, fields.at(key), fields.fail);
}
