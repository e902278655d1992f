import { z } from 'zod';
import { NUMERIC_TEXT } from './config-fields.js';
import { gatewayConfigSchema } from './config-schema.js';
import { PLACEHOLDER } from './interpolate.js';

/** A JSON Schema node, as zod writes it. */
type JsonSchema = z.core.JSONSchema.BaseSchema;

/** The published file, beside package.json; `$schema` in a config names it. */
export const CONFIG_SCHEMA_FILE = 'fluxcore.config.schema.json';

/** A string holding a `${NAME}` placeholder: what any field may be written as. */
const PLACEHOLDER_TEXT: JsonSchema = {
  type: 'string',
  pattern: PLACEHOLDER.source,
  description: 'Replaced by the environment variable when the config is loaded: `${NAME}` or `${NAME:-fallback}`.',
};

/** A number written as a string: numeric text, or a placeholder that becomes one. */
const NUMBER_TEXT: JsonSchema = {
  type: 'string',
  pattern: `^\\s*${NUMERIC_TEXT.source.slice(1, -1)}\\s*$|${PLACEHOLDER.source}`,
  description: 'A number written as a string, such as "${PORT:-8787}".',
};

/**
 * The JSON Schema of a config file as written, for editors: the schema's fields and
 * descriptions, and wherever a placeholder could not pass a field's own constraint (a number, a
 * list of names, a URL pattern), the placeholder as an alternative.
 */
export function configJsonSchema(): JsonSchema {
  return acceptWrittenForms(z.toJSONSchema(gatewayConfigSchema, { io: 'input', target: 'draft-2020-12', override: keepDefault }));
}

/**
 * zod leaves out the `default` of a field whose value it converts (numbers are read from text
 * too), since the default describes the converted value; for these fields both are the same.
 */
function keepDefault({ zodSchema, jsonSchema }: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }): void {
  const value: unknown = z.globalRegistry.get(zodSchema)?.default;
  if (value !== undefined) jsonSchema.default = value;
}

/** The text of {@link CONFIG_SCHEMA_FILE}. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

/** The node, and every value position under it, with the written forms accepted. */
function acceptWrittenForms(node: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...node };
  if (node.properties !== undefined) out.properties = mapValues(node.properties, acceptWrittenForms);
  if (isSchema(node.additionalProperties)) out.additionalProperties = acceptWrittenForms(node.additionalProperties);
  if (isSchema(node.items)) out.items = acceptWrittenForms(node.items);
  if (node.type === 'number' || node.type === 'integer') return withAlternative(out, NUMBER_TEXT);
  if (node.type === 'string' && !acceptsPlaceholder(node)) return withAlternative(out, PLACEHOLDER_TEXT);
  return out;
}

/** Whether `${NAME}` passes a string node's own constraints. */
function acceptsPlaceholder(node: JsonSchema): boolean {
  if (node.enum !== undefined) return false;
  return node.pattern === undefined || new RegExp(node.pattern, 'u').test('${NAME}');
}

/** `anyOf` the node's constraints and `alternative`, its annotations (description, default) kept outside. */
function withAlternative(node: JsonSchema, alternative: JsonSchema): JsonSchema {
  const { description, default: defaultValue, examples, title, ...constraints } = node;
  return {
    ...(title !== undefined && { title }),
    ...(description !== undefined && { description }),
    ...(defaultValue !== undefined && { default: defaultValue }),
    ...(examples !== undefined && { examples }),
    anyOf: [constraints, alternative],
  };
}

function isSchema(value: JsonSchema['items'] | JsonSchema['additionalProperties']): value is JsonSchema {
  return value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

function mapValues(record: Record<string, z.core.JSONSchema._JSONSchema>, map: (node: JsonSchema) => JsonSchema): Record<string, JsonSchema> {
  return Object.fromEntries(Object.entries(record).map(([name, node]) => [name, typeof node === 'object' ? map(node) : node])) as Record<string, JsonSchema>;
}
