import { isObject, ownValue, type JsonObject, type JsonSchema } from '@fluxcore/message';

/**
 * Cohere v1 describes tool parameters as a flat map `{ name: { type, description, required } }`
 * with Python-style type names (`str`, `int`, `float`, `bool`, `List[str]`, `Dict`). Converting
 * to JSON Schema is exact; converting from JSON Schema keeps only the top-level properties,
 * their type, description and requiredness. Nested object shapes, enums (appended to the
 * description instead), formats, bounds and `additionalProperties` are lost.
 */
export function definitionsToJsonSchema(definitions: JsonObject): JsonSchema {
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const [name, raw] of Object.entries(definitions)) {
    const definition = isObject(raw) ? raw : {};
    const property: JsonObject = typeof definition.type === 'string' ? jsonType(definition.type) : {};
    if (typeof definition.description === 'string') property.description = definition.description;
    properties[name] = property;
    if (definition.required === true) required.push(name);
  }
  const schema: JsonSchema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  return schema;
}

/** The top level of a JSON Schema as v1 `parameter_definitions` (see the loss described above). */
export function jsonSchemaToDefinitions(schema: JsonSchema): JsonObject {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((name) => typeof name === 'string') : []);
  const definitions: JsonObject = {};
  for (const [name, raw] of Object.entries(properties)) {
    const property = isObject(raw) ? raw : {};
    const definition: JsonObject = { type: cohereType(property) };
    const description = describe(property);
    if (description !== undefined) definition.description = description;
    if (required.has(name)) definition.required = true;
    definitions[name] = definition;
  }
  return definitions;
}

/** The JSON Schema type of each v1 type name, Python's or JSON Schema's own (read case-insensitively). */
const JSON_TYPES: Readonly<Record<string, string>> = {
  str: 'string',
  string: 'string',
  int: 'integer',
  integer: 'integer',
  float: 'number',
  number: 'number',
  bool: 'boolean',
  boolean: 'boolean',
  dict: 'object',
  object: 'object',
};

function jsonType(type: string): JsonObject {
  const list = /^list(?:\[(.+)\])?$/i.exec(type.trim());
  if (list !== null) return list[1] === undefined ? { type: 'array' } : { type: 'array', items: jsonType(list[1]) };
  const name = ownValue(JSON_TYPES, type.trim().toLowerCase());
  return name === undefined ? {} : { type: name };
}

const COHERE_TYPES: Readonly<Record<string, string>> = {
  string: 'str',
  integer: 'int',
  number: 'float',
  boolean: 'bool',
  object: 'Dict',
};

function cohereType(property: JsonObject): string {
  const type = Array.isArray(property.type) ? property.type.find((t) => t !== 'null') : property.type;
  if (type === 'array') {
    const items = isObject(property.items) ? cohereType(property.items) : undefined;
    return items === undefined ? 'List' : `List[${items}]`;
  }
  return (typeof type === 'string' ? ownValue(COHERE_TYPES, type) : undefined) ?? 'str';
}

function describe(property: JsonObject): string | undefined {
  const description = typeof property.description === 'string' ? property.description : undefined;
  if (!Array.isArray(property.enum)) return description;
  const options = `One of: ${property.enum.map((value) => JSON.stringify(value)).join(', ')}.`;
  return description === undefined ? options : `${description} ${options}`;
}
