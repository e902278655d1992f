import { compact, FieldReader, invalidRequest, isObject } from '@fluxcore/message';
import type { ChatRequest, JsonObject, JsonValue, ToolChoice, ToolDefinition } from '@fluxcore/message';
import { PROTOCOL } from './extras.js';

/** `tools` and legacy `functions`, the tool choice and `parallel_tool_calls`, into the request. */
export function readTools(body: FieldReader, request: ChatRequest, extras: JsonObject): void {
  const tools = body.array('tools');
  const functions = body.array('functions');
  const definitions = [
    ...(tools ?? []).map((tool, i) => parseTool(tool, `tools[${i}]`)),
    ...(functions ?? []).map((fn, i) => parseFunction(fn, `functions[${i}]`)),
  ];
  if (tools !== undefined || functions !== undefined) request.tools = definitions;
  const choice = parseToolChoice(body, extras);
  if (choice !== undefined) request.toolChoice = choice;
  const parallel = body.boolean('parallel_tool_calls');
  if (parallel !== undefined) request.parallelToolCalls = parallel;
}

function parseTool(raw: JsonValue, path: string): ToolDefinition {
  if (!isObject(raw)) throw invalidRequest(path, 'a tool object');
  if (raw.type !== 'function') throw invalidRequest(`${path}.type`, "'function' (custom tools are not supported)");
  const tool = new FieldReader(raw, path, invalidRequest);
  const fn = tool.record('function');
  if (fn === undefined) throw invalidRequest(tool.at('function'), 'an object with a name');
  return parseFunction(fn, tool.at('function'));
}

const FUNCTION_FIELDS = new Set(['name', 'description', 'parameters', 'strict']);

function parseFunction(raw: JsonValue, path: string): ToolDefinition {
  if (!isObject(raw)) throw invalidRequest(path, 'a function object');
  const fn = new FieldReader(raw, path, invalidRequest);
  const name = fn.string('name');
  if (name === undefined || name === '') throw invalidRequest(fn.at('name'), 'a non-empty string');
  const tool: ToolDefinition = { name, parameters: fn.record('parameters') ?? { type: 'object' } };
  const description = fn.string('description');
  if (description !== undefined) tool.description = description;
  const strict = fn.boolean('strict');
  if (strict !== undefined) tool.strict = strict;
  const rest = fn.rest(FUNCTION_FIELDS);
  if (rest !== undefined) tool.extras = { [PROTOCOL]: rest };
  return tool;
}

/** `tool_choice` (or legacy `function_call`). `allowed_tools` and custom choices stay in extras. */
function parseToolChoice(body: FieldReader, extras: JsonObject): ToolChoice | undefined {
  const key = body.raw('tool_choice') !== undefined ? 'tool_choice' : 'function_call';
  const raw = body.raw(key);
  if (raw === undefined) return undefined;
  if (raw === 'auto' || raw === 'none' || raw === 'required') return { type: raw };
  if (isObject(raw)) {
    if (key === 'function_call' && typeof raw.name === 'string') return { type: 'tool', name: raw.name };
    const fn = raw.type === 'function' ? new FieldReader(raw, key, invalidRequest).reader('function') : undefined;
    const name = fn?.string('name');
    if (name !== undefined) return { type: 'tool', name };
    if (key === 'tool_choice' && (raw.type === 'allowed_tools' || raw.type === 'custom')) {
      extras.tool_choice = raw;
      return undefined;
    }
  }
  throw invalidRequest(key, "'auto', 'none', 'required' or {type:'function',function:{name}}");
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
