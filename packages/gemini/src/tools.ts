import {
  invalidRequest,
  isObject,
  type ChatRequest,
  type FieldReader,
  type JsonObject,
  type JsonValue,
  type ToolChoice,
  type ToolDefinition,
} from '@fluxcore/message';
import { camelRecord, expectCamelObject } from './camel-keys.js';
import { extrasObject, geminiExtras } from './extras.js';
import { fromOpenApiSchema } from './schema.js';

/** `tools[].functionDeclarations` -> tool definitions; built-in tools (googleSearch...) -> extras. */
export function parseTools(top: FieldReader, request: ChatRequest, extras: JsonObject): void {
  const tools = top.array('tools');
  if (tools === undefined) return;
  const definitions: ToolDefinition[] = [];
  const builtins: JsonObject[] = [];
  tools.forEach((value, i) => {
    const tool = expectCamelObject(value, `tools[${i}]`, invalidRequest, 'a Tool object');
    (tool.array('functionDeclarations') ?? []).forEach((declaration, j) =>
      definitions.push(parseDeclaration(declaration, `${tool.at('functionDeclarations')}[${j}]`)),
    );
    const rest = tool.rest(new Set(['functionDeclarations']));
    if (rest !== undefined) builtins.push(rest);
  });
  if (definitions.length > 0) request.tools = definitions;
  if (builtins.length > 0) extras.tools = builtins;
}

/**
 * One function declaration. `parametersJsonSchema` is JSON Schema already; `parameters` (the
 * OpenAPI subset, with types like `OBJECT`) is converted, and the original is kept in extras
 * so that a Gemini-to-Gemini trip sends it back untouched.
 */
function parseDeclaration(value: JsonValue, path: string): ToolDefinition {
  const declaration = expectCamelObject(value, path, invalidRequest, 'a FunctionDeclaration object');
  const name = declaration.string('name');
  if (name === undefined || name === '') throw invalidRequest(declaration.at('name'), 'a function name');
  const jsonSchema = declaration.record('parametersJsonSchema');
  const openApi = declaration.record('parameters');
  const tool: ToolDefinition = { name, parameters: jsonSchema ?? (openApi === undefined ? { type: 'object' } : fromOpenApiSchema(openApi)) };
  const description = declaration.string('description');
  if (description !== undefined) tool.description = description;
  const rest: JsonObject = { ...declaration.rest(new Set(['name', 'description', 'parametersJsonSchema'])) };
  const wrapped = geminiExtras(rest);
  if (wrapped !== undefined) tool.extras = wrapped;
  return tool;
}

/** `functionCallingConfig.mode`: AUTO, ANY (one allowed name = that tool), NONE; VALIDATED acts like AUTO. */
export function parseToolConfig(top: FieldReader, request: ChatRequest, extras: JsonObject): void {
  const toolConfig = camelRecord(top, 'toolConfig');
  if (toolConfig === undefined) return;
  const rest: JsonObject = { ...toolConfig.rest(new Set(['functionCallingConfig'])) };
  const fields = camelRecord(toolConfig, 'functionCallingConfig');
  if (fields !== undefined) {
    const mode = fields.string('mode');
    const allowed = fields.stringArray('allowedFunctionNames');
    const choice = toolChoiceOf(mode, allowed, fields.at('mode'));
    if (choice !== undefined) request.toolChoice = choice;
    const known = new Set(['mode', 'allowedFunctionNames']);
    const callingRest: JsonObject = { ...fields.rest(known) };
    if (mode === 'VALIDATED' || mode === 'MODE_UNSPECIFIED') callingRest.mode = mode;
    if (allowed !== undefined && choice?.type !== 'tool') callingRest.allowedFunctionNames = allowed;
    if (Object.keys(callingRest).length > 0) rest.functionCallingConfig = callingRest;
  }
  if (Object.keys(rest).length > 0) extras.toolConfig = rest;
}

function toolChoiceOf(mode: string | undefined, allowed: string[] | undefined, path: string): ToolChoice | undefined {
  switch (mode) {
    case undefined:
    case 'MODE_UNSPECIFIED':
      return undefined;
    case 'AUTO':
    case 'VALIDATED':
      return { type: 'auto' };
    case 'NONE':
      return { type: 'none' };
    case 'ANY':
      return allowed?.length === 1 ? { type: 'tool', name: allowed[0]! } : { type: 'required' };
    default:
      throw invalidRequest(path, 'one of AUTO, ANY, NONE, VALIDATED');
  }
}

/** One `functionDeclarations` tool for all functions, then built-in tools kept from a Gemini client. */
export function buildTools(request: ChatRequest, builtinTools: JsonValue | undefined): JsonObject[] {
  const tools: JsonObject[] = [];
  if (request.tools !== undefined && request.tools.length > 0) {
    const functionDeclarations = request.tools.map((tool) => {
      const extras = tool.extras?.gemini ?? {};
      const declaration: JsonObject = { ...extras, name: tool.name };
      if (tool.description !== undefined) declaration.description = tool.description;
      if (!('parameters' in extras)) declaration.parametersJsonSchema = tool.parameters;
      return declaration;
    });
    tools.push({ functionDeclarations });
  }
  if (Array.isArray(builtinTools)) tools.push(...builtinTools.filter(isObject));
  return tools;
}

/** auto -> AUTO (or the client's VALIDATED), none -> NONE, required -> ANY, a named tool -> ANY + that name. */
export function buildToolConfig(choice: ToolChoice | undefined, extras: JsonObject): JsonObject | undefined {
  const { functionCallingConfig, ...rest } = extras;
  const calling: JsonObject = { ...extrasObject(functionCallingConfig) };
  if (choice?.type === 'auto' && calling.mode !== 'VALIDATED') calling.mode = 'AUTO';
  if (choice?.type === 'none') calling.mode = 'NONE';
  if (choice?.type === 'required') calling.mode = 'ANY';
  if (choice?.type === 'tool') {
    calling.mode = 'ANY';
    calling.allowedFunctionNames = [choice.name];
  }
  const config: JsonObject = { ...rest };
  if (Object.keys(calling).length > 0) config.functionCallingConfig = calling;
  return Object.keys(config).length > 0 ? config : undefined;
}
