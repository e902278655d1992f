import { expectArray, expectObject, FieldReader, invalidRequest, optionalNumber, optionalObject, setDefined } from '@fluxcore/message';
import type { ChatRequest, JsonObject, JsonValue, ReasoningConfig, ToolChoice, ToolDefinition } from '@fluxcore/message';
import { readResponseFormat } from '../shared/response-format.js';
import { readSampling, SAMPLING_FIELDS } from '../shared/sampling.js';
import { readToolDefinition, type ToolShape } from '../shared/tool-definition.js';
import { parseMessages } from './content-parse.js';
import { PROTOCOL } from './names.js';

const TOP_LEVEL: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'stream',
  'tools',
  'strict_tools',
  'tool_choice',
  'response_format',
  'thinking',
  ...SAMPLING_FIELDS,
]);
/** strict_tools is global on the wire but per tool in the IR: without tools it stays an extra. */
const TOP_LEVEL_WITHOUT_TOOLS: ReadonlySet<string> = new Set([...TOP_LEVEL].filter((key) => key !== 'strict_tools'));

/** Parse a Cohere Chat v2 request body into the IR. Unmodelled fields (`documents`, `safety_mode`, ...) go to `extras.cohere`. */
export function parseCohereRequest(body: unknown): ChatRequest {
  const fields = new FieldReader(expectObject(body, 'body', invalidRequest), '', invalidRequest);
  const request: ChatRequest = {
    messages: parseMessages(expectArray(fields.raw('messages'), 'messages', invalidRequest)),
    stream: fields.boolean('stream') ?? false,
  };
  setDefined(request, 'model', fields.string('model'));
  const tools = fields.raw('tools');
  if (tools !== undefined) request.tools = parseTools(tools, fields.boolean('strict_tools'));
  setDefined(request, 'toolChoice', parseToolChoice(fields.raw('tool_choice')));
  readSampling(fields, request);
  setDefined(request, 'responseFormat', readResponseFormat(fields.record('response_format'), jsonSchema));
  setDefined(request, 'reasoning', parseThinking(fields.record('thinking')));
  const extras = fields.rest(request.tools === undefined ? TOP_LEVEL_WITHOUT_TOOLS : TOP_LEVEL);
  if (extras !== undefined) request.extras = { [PROTOCOL]: extras };
  return request;
}

/** v2 tools are `{ type: "function", function }`; the function's parameters are JSON Schema already. */
const V2_FUNCTION: ToolShape = {
  protocol: PROTOCOL,
  modelled: new Set(['name', 'description', 'parameters']),
  parameters: (fn, path) => optionalObject(fn.parameters, `${path}.parameters`, invalidRequest) ?? { type: 'object' },
};

function parseTools(raw: JsonValue, strict: boolean | undefined): ToolDefinition[] {
  return expectArray(raw, 'tools', invalidRequest).map((item, i) => {
    const path = `tools[${i}]`;
    const wire = expectObject(item, path, invalidRequest);
    if (wire.type !== 'function') throw invalidRequest(`${path}.type`, '"function"');
    const tool = readToolDefinition(expectObject(wire.function, `${path}.function`, invalidRequest), `${path}.function`, V2_FUNCTION);
    setDefined(tool, 'strict', strict);
    return tool;
  });
}

function parseToolChoice(raw: JsonValue | undefined): ToolChoice | undefined {
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' ? raw.toUpperCase() : raw;
  if (value === 'REQUIRED') return { type: 'required' };
  if (value === 'NONE') return { type: 'none' };
  throw invalidRequest('tool_choice', '"REQUIRED" or "NONE" (omit it for auto)');
}

function jsonSchema(format: JsonObject): JsonObject | undefined {
  return optionalObject(format.json_schema, 'response_format.json_schema', invalidRequest);
}

function parseThinking(wire: JsonObject | undefined): ReasoningConfig | undefined {
  if (wire === undefined) return undefined;
  if (wire.type !== 'enabled' && wire.type !== 'disabled') throw invalidRequest('thinking.type', '"enabled" or "disabled"');
  const config: ReasoningConfig = { enabled: wire.type === 'enabled' };
  const budget = optionalNumber(wire.token_budget, 'thinking.token_budget', invalidRequest);
  if (budget !== undefined) config.budgetTokens = budget;
  return config;
}
