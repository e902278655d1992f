import { compact, setDefined, type ChatRequest, type FieldReader, type JsonObject, type ResponseFormat } from '@fluxcore/message';

/** `response_format`: `text`, `json_object` (JSON, no schema) or `json_schema` (JSON with its schema). */
export function readResponseFormat(body: FieldReader): ResponseFormat | undefined {
  const format = body.reader('response_format');
  if (format === undefined) return undefined;
  switch (format.object.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema':
      return readJsonSchema(format);
    default:
      throw format.fail(format.at('type'), "'text', 'json_object' or 'json_schema'");
  }
}

function readJsonSchema(format: FieldReader): ResponseFormat {
  const spec = format.reader('json_schema');
  if (spec === undefined) throw format.fail(format.at('json_schema'), 'an object with name and schema');
  const result: ResponseFormat = { type: 'json' };
  setDefined(result, 'name', spec.string('name'));
  setDefined(result, 'description', spec.string('description'));
  setDefined(result, 'schema', spec.record('schema'));
  setDefined(result, 'strict', spec.boolean('strict'));
  return result;
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
