import { invalidRequest, type JsonObject, type ResponseFormat } from '@fluxcore/message';

/**
 * `response_format` in both versions: `text`, or `json_object` with an optional schema, which
 * v1 holds in `schema` and v2 in `json_schema`. Each version reads its schema field its own way
 * (`readSchema`), so a malformed one fails (or is ignored) as it always did.
 */
export function readResponseFormat(wire: JsonObject | undefined, readSchema: (format: JsonObject) => JsonObject | undefined): ResponseFormat | undefined {
  if (wire === undefined) return undefined;
  if (wire.type === 'text') return { type: 'text' };
  if (wire.type !== 'json_object') throw invalidRequest('response_format.type', '"text" or "json_object"');
  const schema = readSchema(wire);
  return schema === undefined ? { type: 'json' } : { type: 'json', schema };
}

/** The IR format as `response_format`, its schema under `schemaField` (v1 `schema`, v2 `json_schema`). */
export function writeResponseFormat(format: ResponseFormat, schemaField: 'schema' | 'json_schema'): JsonObject {
  if (format.type === 'text') return { type: 'text' };
  return format.schema === undefined ? { type: 'json_object' } : { type: 'json_object', [schemaField]: format.schema };
}
