import { FluxError } from '@fluxcore/errors';
import { expectArray, expectObject, expectString, invalidRequest, optionalBoolean, optionalString, unknownFields } from '@fluxcore/message';
import type { ChatRequest, JsonObject, JsonValue, ToolChoice, ToolDefinition } from '@fluxcore/message';
import { extrasField, ownExtras } from './own-extras.js';
import type { Positioned } from './unmodelled.js';

/** Custom tools become IR tools; server tools (`web_search_…`, `bash_…`) stay opaque. */
export interface ParsedTools {
  tools: ToolDefinition[];
  serverTools: Positioned[];
}

/** The fields of a custom tool the IR models; the rest (`cache_control`, `type`, ...) rides in its extras. */
const TOOL_FIELDS: ReadonlySet<string> = new Set(['name', 'description', 'input_schema', 'strict']);

export function parseTools(value: JsonValue): ParsedTools {
  const result: ParsedTools = { tools: [], serverTools: [] };
  expectArray(value, 'tools', invalidRequest).forEach((item, i) => {
    const path = `tools[${i}]`;
    const tool = expectObject(item, path, invalidRequest);
    if (tool.type !== undefined && tool.type !== null && tool.type !== 'custom') return void result.serverTools.push({ index: i, item: tool });
    const name = expectString(tool.name, `${path}.name`, invalidRequest);
    const description = optionalString(tool.description, `${path}.description`, invalidRequest);
    const schema = expectObject(tool.input_schema, `${path}.input_schema`, invalidRequest);
    if (schema.type !== 'object') throw invalidRequest(`${path}.input_schema.type`, '"object"');
    const strict = optionalBoolean(tool.strict, `${path}.strict`, invalidRequest);
    result.tools.push({
      name,
      ...(description === undefined ? {} : { description }),
      parameters: schema,
      ...(strict === undefined ? {} : { strict }),
      ...extrasField(unknownFields(tool, TOOL_FIELDS)),
    });
  });
  return result;
}

/** `tool_choice` into the IR choice and the parallel-calls flag. */
export function parseToolChoice(value: JsonValue): Pick<ChatRequest, 'toolChoice' | 'parallelToolCalls'> {
  const choice = expectObject(value, 'tool_choice', invalidRequest);
  const disableParallel = optionalBoolean(choice.disable_parallel_tool_use, 'tool_choice.disable_parallel_tool_use', invalidRequest);
  const parallel = disableParallel === undefined ? {} : { parallelToolCalls: !disableParallel };
  switch (choice.type) {
    case 'auto':
      return { toolChoice: { type: 'auto' }, ...parallel };
    case 'any':
      return { toolChoice: { type: 'required' }, ...parallel };
    case 'none':
      return { toolChoice: { type: 'none' }, ...parallel };
    case 'tool':
      return { toolChoice: { type: 'tool', name: expectString(choice.name, 'tool_choice.name', invalidRequest) }, ...parallel };
    default:
      throw invalidRequest('tool_choice.type', 'one of "auto", "any", "none", "tool"');
  }
}

/**
 * Wire tools. Anthropic needs `input_schema.type: "object"`: a schema without a type gets
 * it; a schema of another type is the caller's error.
 */
export function buildTools(tools: ToolDefinition[]): JsonObject[] {
  return tools.map((tool, i) => {
    const type = tool.parameters.type;
    if (type !== undefined && type !== 'object') {
      throw new FluxError({
        category: 'invalid_request',
        param: `tools[${i}].parameters`,
        message: `tools[${i}].parameters: Anthropic requires a JSON Schema of type "object", got ${JSON.stringify(type)}`,
      });
    }
    return {
      ...ownExtras(tool),
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      input_schema: type === undefined ? { type: 'object', ...tool.parameters } : tool.parameters,
      ...(tool.strict === undefined ? {} : { strict: tool.strict }),
    };
  });
}

/**
 * Wire `tool_choice`. `parallelToolCalls: false` rides on it as `disable_parallel_tool_use`
 * (with `auto` when no choice was given); `none` cannot carry that flag and needs none.
 */
export function buildToolChoice(choice: ToolChoice | undefined, parallelToolCalls: boolean | undefined): JsonObject | undefined {
  const disable: JsonObject = parallelToolCalls === undefined ? {} : { disable_parallel_tool_use: !parallelToolCalls };
  switch (choice?.type) {
    case undefined:
      return parallelToolCalls === false ? { type: 'auto', disable_parallel_tool_use: true } : undefined;
    case 'none':
      return { type: 'none' };
    case 'auto':
      return { type: 'auto', ...disable };
    case 'required':
      return { type: 'any', ...disable };
    case 'tool':
      return { type: 'tool', name: choice.name, ...disable };
  }
}
