import type { ChatRequest, JsonObject, JsonValue, ToolChoice, ToolDefinition } from '@fluxcore/message';
import { PROTOCOL } from './extras.js';
import { compact, field, invalid, isObject, unknownFields } from './read.js';

/** `tools` and legacy `functions`, the tool choice and `parallel_tool_calls`, into the request. */
export function readTools(body: JsonObject, request: ChatRequest, extras: JsonObject): void {
  const tools = field.array(body, 'tools');
  const functions = field.array(body, 'functions');
  const definitions = [
    ...(tools ?? []).map((tool, i) => parseTool(tool, `tools[${i}]`)),
    ...(functions ?? []).map((fn, i) => parseFunction(fn, `functions[${i}]`)),
  ];
  if (tools !== undefined || functions !== undefined) request.tools = definitions;
  const choice = parseToolChoice(body, extras);
  if (choice !== undefined) request.toolChoice = choice;
  const parallel = field.boolean(body, 'parallel_tool_calls');
  if (parallel !== undefined) request.parallelToolCalls = parallel;
}

function parseTool(raw: JsonValue, param: string): ToolDefinition {
  if (!isObject(raw)) throw invalid(param, 'a tool object');
  if (raw.type !== 'function') throw invalid(`${param}.type`, "'function' (custom tools are not supported)");
  const fn = field.object(raw, 'function', `${param}.function`);
  if (fn === undefined) throw invalid(`${param}.function`, 'an object with a name');
  return parseFunction(fn, `${param}.function`);
}

const FUNCTION_FIELDS = new Set(['name', 'description', 'parameters', 'strict']);

function parseFunction(raw: JsonValue, param: string): ToolDefinition {
  if (!isObject(raw)) throw invalid(param, 'a function object');
  const name = field.string(raw, 'name', `${param}.name`);
  if (name === undefined || name === '') throw invalid(`${param}.name`, 'a non-empty string');
  const tool: ToolDefinition = { name, parameters: field.object(raw, 'parameters', `${param}.parameters`) ?? { type: 'object' } };
  const description = field.string(raw, 'description', `${param}.description`);
  if (description !== undefined) tool.description = description;
  const strict = field.boolean(raw, 'strict', `${param}.strict`);
  if (strict !== undefined) tool.strict = strict;
  const rest = unknownFields(raw, FUNCTION_FIELDS);
  if (rest !== undefined) tool.extras = { [PROTOCOL]: rest };
  return tool;
}

/** `tool_choice` (or legacy `function_call`). `allowed_tools` and custom choices stay in extras. */
function parseToolChoice(body: JsonObject, extras: JsonObject): ToolChoice | undefined {
  const key = body.tool_choice !== undefined && body.tool_choice !== null ? 'tool_choice' : 'function_call';
  const raw = body[key];
  if (raw === undefined || raw === null) return undefined;
  if (raw === 'auto' || raw === 'none' || raw === 'required') return { type: raw };
  if (isObject(raw)) {
    if (key === 'function_call' && typeof raw.name === 'string') return { type: 'tool', name: raw.name };
    const fn = raw.type === 'function' ? field.object(raw, 'function', `${key}.function`) : undefined;
    const name = fn === undefined ? undefined : field.string(fn, 'name', `${key}.function.name`);
    if (name !== undefined) return { type: 'tool', name };
    if (key === 'tool_choice' && (raw.type === 'allowed_tools' || raw.type === 'custom')) {
      extras.tool_choice = raw;
      return undefined;
    }
  }
  throw invalid(key, "'auto', 'none', 'required' or {type:'function',function:{name}}");
}

/** An IR tool as a Chat Completions `function` tool, its unmodelled fields written back. */
export function buildTool(tool: ToolDefinition): JsonObject {
  return {
    type: 'function',
    function: compact({
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters,
      strict: tool.strict,
      ...tool.extras?.[PROTOCOL],
    }),
  };
}

/** A named tool becomes `{type:'function',function:{name}}`; `auto`, `none` and `required` stay strings. */
export function buildToolChoice(choice: ToolChoice): JsonValue {
  return choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : choice.type;
}
