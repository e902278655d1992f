import { isObject, type JsonObject, type JsonSchema, type JsonValue } from '@fluxcore/message';

const SUBSCHEMA_MAPS = new Set(['properties']);
const SUBSCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);

/**
 * Gemini's OpenAPI-subset `Schema` (types in upper case, `nullable`) -> JSON Schema, so that
 * other providers accept it: `type: "OBJECT"` becomes `"object"`, and `nullable: true` becomes
 * a `"null"` type alternative. Everything else is copied as is.
 */
export function fromOpenApiSchema(schema: JsonObject): JsonSchema {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'type' && typeof value === 'string') out.type = value.toLowerCase();
    else if (key === 'nullable') continue;
    else if (key === 'items' && isObject(value)) out.items = fromOpenApiSchema(value);
    else if (SUBSCHEMA_MAPS.has(key) && isObject(value)) out[key] = mapValues(value);
    else if (SUBSCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(convertValue);
    else out[key] = value;
  }
  if (schema.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

function mapValues(map: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [name, value] of Object.entries(map)) out[name] = convertValue(value);
  return out;
}

function convertValue(value: JsonValue): JsonValue {
  return isObject(value) ? fromOpenApiSchema(value) : value;
}
