import { z } from 'zod';
import { childPath, type ConfigIssue } from './config-issues.js';
import { checkConfigRules } from './config-rules.js';
import { gatewayConfigSchema } from './config-schema.js';
import type { GatewayConfig } from './config-types.js';

/**
 * Check a parsed (and interpolated) configuration against the schema and the rules between
 * fields. Returns the typed config, or undefined after pushing every issue found: unknown fields
 * (typos), wrong types, out-of-range numbers and dangling references between keys, endpoints
 * and models. `protocols` are the names a key may use (built-in and custom adapters).
 */
export function validateConfig(doc: unknown, protocols: readonly string[], issues: ConfigIssue[]): GatewayConfig | undefined {
  const parsed = gatewayConfigSchema.safeParse(doc);
  const schemaIssues = parsed.success ? [] : parsed.error.issues.flatMap(toConfigIssues);
  const ruleIssues = checkConfigRules(doc, protocols, new Set(schemaIssues.map((issue) => issue.path)));
  issues.push(...schemaIssues, ...ruleIssues);
  return parsed.success && ruleIssues.length === 0 ? parsed.data : undefined;
}

/** A zod issue in the gateway's terms: a JSON path (`endpoints["gpt-mini"].inputPrice`) and a message. */
function toConfigIssues(issue: z.core.$ZodIssue): ConfigIssue[] {
  const path = jsonPath(issue.path);
  if (issue.code !== 'unrecognized_keys') return [{ path, message: issue.message }];
  // zod reports the unknown fields of an object together; each gets its own path and suggestion.
  const fields = fieldsAt(issue.path).filter((field) => field !== '$schema');
  return issue.keys.map((name) => ({ path: childPath(path, name), message: unknownField(name, fields) }));
}

function unknownField(name: string, fields: readonly string[]): string {
  const near = fields.find((field) => field.toLowerCase() === name.toLowerCase());
  return `unknown field${near ? ` (did you mean "${near}"?)` : `; expected one of ${fields.join(', ')}`}`;
}

function jsonPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((path, segment) => (typeof segment === 'number' ? `${path}[${segment}]` : childPath(path, String(segment))), '');
}

/** The field names of the object the schema expects at `path`. */
function fieldsAt(path: readonly PropertyKey[]): string[] {
  let schema = unwrap(gatewayConfigSchema);
  for (const segment of path) {
    if (schema instanceof z.ZodObject) schema = unwrap(schema.shape[String(segment)]);
    else if (schema instanceof z.ZodRecord) schema = unwrap(schema.valueType);
    else if (schema instanceof z.ZodArray) schema = unwrap(schema.element);
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** The schema of a field that may be absent. */
function unwrap(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  return schema instanceof z.ZodOptional ? unwrap(schema.unwrap()) : schema;
}
