import type { ChatRequest, JsonObject, ResponseFormat } from '@fluxcore/message';
import { compact, field, invalid } from './read.js';

/** `response_format`: `text`, `json_object` (JSON, no schema) or `json_schema` (JSON with its schema). */
export function readResponseFormat(body: JsonObject): ResponseFormat | undefined {
  const format = field.object(body, 'response_format');
  if (format === undefined) return undefined;
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema': {
      const spec = field.object(format, 'json_schema', 'response_format.json_schema');
      if (spec === undefined) throw invalid('response_format.json_schema', 'an object with name and schema');
      const result: ResponseFormat = { type: 'json' };
      const name = field.string(spec, 'name', 'response_format.json_schema.name');
      if (name !== undefined) result.name = name;
      const description = field.string(spec, 'description', 'response_format.json_schema.description');
      if (description !== undefined) result.description = description;
      const schema = field.object(spec, 'schema', 'response_format.json_schema.schema');
      if (schema !== undefined) result.schema = schema;
      const strict = field.boolean(spec, 'strict', 'response_format.json_schema.strict');
      if (strict !== undefined) result.strict = strict;
      return result;
    }
    default:
      throw invalid('response_format.type', "'text', 'json_object' or 'json_schema'");
  }
}

/** The IR format back as `response_format`: a schema makes it `json_schema` (named `response` when unnamed). */
export function buildResponseFormat(request: ChatRequest): JsonObject | undefined {
  const format = request.responseFormat;
  if (format === undefined) return undefined;
  if (format.type === 'text') return { type: 'text' };
  if (format.schema === undefined) return { type: 'json_object' };
  return {
    type: 'json_schema',
    json_schema: compact({ name: format.name ?? 'response', description: format.description, schema: format.schema, strict: format.strict }),
  };
}
