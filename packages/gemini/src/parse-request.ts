import type {
  ChatRequest,
  JsonObject,
  JsonValue,
  Message,
  ParseRequestOptions,
  ReasoningConfig,
  ResponseFormat,
  SystemPart,
  ToolChoice,
  ToolDefinition,
  ToolResultPart,
  UserPart,
} from '@fluxcore/message';
import { geminiExtras, modelPartsFromWire, userPartFromWire, type UnmodelledPart } from './content-parse.js';
import { FieldReader, invalidRequest, isObject } from './read.js';
import { fromOpenApiSchema } from './schema.js';
import { generateToolCallId } from './ids.js';

const TOP_LEVEL_KEYS = new Set(['model', 'contents', 'systemInstruction', 'tools', 'toolConfig', 'generationConfig']);
const GENERATION_KEYS = new Set([
  'maxOutputTokens', 'temperature', 'topP', 'topK', 'stopSequences', 'seed', 'presencePenalty', 'frequencyPenalty',
  'responseMimeType', 'responseJsonSchema', 'thinkingConfig',
]);
const THINKING_LEVELS = { MINIMAL: 'minimal', LOW: 'low', MEDIUM: 'medium', HIGH: 'high' } as const;

/**
 * Parse a Gemini `generateContent` body. The model and streaming come from the URL
 * (`options`), since Gemini puts them there. Unmodelled fields go to `extras.gemini`.
 */
export function parseGeminiRequest(body: unknown, options: ParseRequestOptions = {}): ChatRequest {
  if (!isObject(body)) throw invalidRequest('body', 'a JSON object (a GenerateContentRequest)');
  const top = new FieldReader(body, '', invalidRequest);
  const extras: JsonObject = { ...top.rest(TOP_LEVEL_KEYS) };
  const model = options.model ?? top.string('model');
  const request: ChatRequest = { messages: [...parseSystem(top, extras), ...parseContents(top)], stream: options.stream ?? false };
  if (model !== undefined && model !== '') request.model = model.replace(/^models\//, '');
  parseTools(top, request, extras);
  parseToolConfig(top, request, extras);
  parseGenerationConfig(top, request, extras);
  if (Object.keys(extras).length > 0) request.extras = { gemini: extras };
  return request;
}

function parseSystem(top: FieldReader, extras: JsonObject): Message[] {
  const value = top.raw('systemInstruction');
  if (value === undefined) return [];
  if (typeof value === 'string') return [{ role: 'system', content: [{ type: 'text', text: value }] }];
  if (!isObject(value)) throw invalidRequest('systemInstruction', 'a Content object with text parts');
  const system = new FieldReader(value, 'systemInstruction', invalidRequest);
  const content: SystemPart[] = (system.array('parts') ?? []).map((part, i) => {
    const text = isObject(part) ? new FieldReader(part, `systemInstruction.parts[${i}]`, invalidRequest).string('text') : undefined;
    if (text === undefined) throw invalidRequest(`systemInstruction.parts[${i}]`, 'a text part');
    return { type: 'text', text };
  });
  const rest = system.rest(new Set(['parts']));
  if (rest !== undefined) extras.systemInstruction = rest;
  return content.length === 0 ? [] : [{ role: 'system', content }];
}

/**
 * `contents` -> messages. `model` turns become assistant messages; `user` turns split into
 * user messages and tool messages (one per run of `functionResponse` parts), in order. Calls
 * without ids get generated ones; responses without ids answer the earliest unanswered call
 * of the same name.
 */
function parseContents(top: FieldReader): Message[] {
  const contents = top.array('contents');
  if (contents === undefined || contents.length === 0) throw invalidRequest('contents', 'a non-empty array of Content objects');
  const messages: Message[] = [];
  const unanswered: Array<{ id: string; name: string }> = [];
  contents.forEach((value, i) => {
    const path = `contents[${i}]`;
    if (!isObject(value)) throw invalidRequest(path, 'a Content object ({role, parts})');
    const content = new FieldReader(value, path, invalidRequest);
    const role = content.string('role') ?? 'user';
    const parts = content.array('parts') ?? [];
    const contentExtras = content.rest(new Set(['role', 'parts']));
    if (role === 'model') {
      const { parts: assistantParts, unmodelled } = modelPartsFromWire(parts, content.at('parts'), invalidRequest, { seed: path, position: 0 });
      for (const part of assistantParts) if (part.type === 'tool-call') unanswered.push({ id: part.id, name: part.name });
      messages.push(withMessageExtras({ role: 'assistant', content: assistantParts }, contentExtras, unmodelled));
    } else if (role === 'user' || role === 'function') {
      messages.push(...userMessages(content, parts, unanswered, contentExtras));
    } else {
      throw invalidRequest(content.at('role'), '"user" or "model"');
    }
  });
  return messages;
}

function userMessages(content: FieldReader, parts: JsonValue[], unanswered: Array<{ id: string; name: string }>, contentExtras: JsonObject | undefined): Message[] {
  const messages: Message[] = [];
  let current: { role: 'user'; content: UserPart[] } | { role: 'tool'; content: ToolResultPart[] } | undefined;
  const unmodelled = new Map<Message, UnmodelledPart[]>();
  const open = (role: 'user' | 'tool') => {
    if (current?.role !== role) {
      current = role === 'user' ? { role, content: [] } : { role, content: [] };
      messages.push(current);
    }
    return current;
  };
  parts.forEach((value, j) => {
    const path = `${content.at('parts')}[${j}]`;
    if (!isObject(value)) throw invalidRequest(path, 'an object (a Part)');
    const part = userPartFromWire(new FieldReader(value, path, invalidRequest));
    if (part === undefined) {
      const message = current ?? open('user');
      const list = unmodelled.get(message) ?? [];
      list.push({ before: message.content.length, part: value });
      unmodelled.set(message, list);
    } else if (part.type === 'tool-result') {
      part.toolCallId = answeredCallId(part, unanswered, content.path, j);
      (open('tool').content as ToolResultPart[]).push(part);
    } else {
      (open('user').content as UserPart[]).push(part);
    }
  });
  if (messages.length === 0) open('user');
  return messages.map((message, k) => withMessageExtras(message, k === 0 ? contentExtras : undefined, unmodelled.get(message) ?? []));
}

function answeredCallId(result: ToolResultPart, unanswered: Array<{ id: string; name: string }>, path: string, j: number): string {
  const wanted = result.toolCallId;
  const index = wanted !== '' ? unanswered.findIndex((call) => call.id === wanted) : unanswered.findIndex((call) => call.name === result.toolName);
  if (index !== -1) return unanswered.splice(index, 1)[0]!.id;
  return wanted !== '' ? wanted : generateToolCallId(path, j, result.toolName ?? '', '');
}

function withMessageExtras<T extends Message>(message: T, fields: JsonObject | undefined, unmodelled: UnmodelledPart[]): T {
  const extras: JsonObject = { ...fields };
  if (unmodelled.length > 0) extras.unmodelledParts = unmodelled.map(({ before, part }) => ({ before, part }));
  const wrapped = geminiExtras(extras);
  if (wrapped !== undefined) message.extras = wrapped;
  return message;
}

/** `tools[].functionDeclarations` -> tool definitions; built-in tools (googleSearch...) -> extras. */
function parseTools(top: FieldReader, request: ChatRequest, extras: JsonObject): void {
  const tools = top.array('tools');
  if (tools === undefined) return;
  const definitions: ToolDefinition[] = [];
  const builtins: JsonObject[] = [];
  tools.forEach((value, i) => {
    if (!isObject(value)) throw invalidRequest(`tools[${i}]`, 'a Tool object');
    const tool = new FieldReader(value, `tools[${i}]`, invalidRequest);
    (tool.array('functionDeclarations') ?? []).forEach((declaration, j) => definitions.push(parseDeclaration(declaration, `${tool.at('functionDeclarations')}[${j}]`)));
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
  if (!isObject(value)) throw invalidRequest(path, 'a FunctionDeclaration object');
  const declaration = new FieldReader(value, path, invalidRequest);
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
function parseToolConfig(top: FieldReader, request: ChatRequest, extras: JsonObject): void {
  const config = top.record('toolConfig');
  if (config === undefined) return;
  const toolConfig = new FieldReader(config, 'toolConfig', invalidRequest);
  const rest: JsonObject = { ...toolConfig.rest(new Set(['functionCallingConfig'])) };
  const calling = toolConfig.record('functionCallingConfig');
  if (calling !== undefined) {
    const fields = new FieldReader(calling, toolConfig.at('functionCallingConfig'), invalidRequest);
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

function parseGenerationConfig(top: FieldReader, request: ChatRequest, extras: JsonObject): void {
  const config = top.record('generationConfig');
  if (config === undefined) return;
  const generation = new FieldReader(config, 'generationConfig', invalidRequest);
  const set = <K extends keyof ChatRequest>(key: K, value: ChatRequest[K] | undefined) => {
    if (value !== undefined) request[key] = value;
  };
  set('maxTokens', generation.integer('maxOutputTokens'));
  set('temperature', generation.number('temperature'));
  set('topP', generation.number('topP'));
  set('topK', generation.number('topK'));
  set('stopSequences', generation.stringArray('stopSequences'));
  set('seed', generation.integer('seed'));
  set('presencePenalty', generation.number('presencePenalty'));
  set('frequencyPenalty', generation.number('frequencyPenalty'));
  const rest: JsonObject = { ...generation.rest(GENERATION_KEYS) };
  set('responseFormat', parseResponseFormat(generation, rest));
  set('reasoning', parseThinking(generation, rest));
  if (Object.keys(rest).length > 0) extras.generationConfig = rest;
}

/**
 * `responseMimeType: application/json` with `responseJsonSchema` (or the OpenAPI-subset
 * `responseSchema`, converted; the original stays in extras) -> JSON mode. Other MIME types
 * (`text/x.enum`) stay in extras.
 */
function parseResponseFormat(generation: FieldReader, rest: JsonObject): ResponseFormat | undefined {
  const mimeType = generation.string('responseMimeType');
  const jsonSchema = generation.record('responseJsonSchema');
  const openApi = generation.record('responseSchema');
  if (mimeType === 'text/plain') return { type: 'text' };
  if (mimeType !== 'application/json') {
    if (mimeType !== undefined) rest.responseMimeType = mimeType;
    if (jsonSchema !== undefined) rest.responseJsonSchema = jsonSchema;
    return undefined;
  }
  const schema = jsonSchema ?? (openApi === undefined ? undefined : fromOpenApiSchema(openApi));
  return schema === undefined ? { type: 'json' } : { type: 'json', schema };
}

/**
 * `thinkingConfig`: `thinkingBudget` 0 turns thinking off, -1 means dynamic (kept in extras),
 * a positive value is a budget; `thinkingLevel` (Gemini 3) maps to an effort.
 */
function parseThinking(generation: FieldReader, rest: JsonObject): ReasoningConfig | undefined {
  const config = generation.record('thinkingConfig');
  if (config === undefined) return undefined;
  const thinking = new FieldReader(config, generation.at('thinkingConfig'), invalidRequest);
  const reasoning: ReasoningConfig = {};
  const thinkingRest: JsonObject = { ...thinking.rest(new Set(['thinkingBudget', 'includeThoughts', 'thinkingLevel'])) };
  const budget = thinking.integer('thinkingBudget');
  if (budget === 0) reasoning.enabled = false;
  else if (budget !== undefined && budget < 0) {
    reasoning.enabled = true;
    thinkingRest.thinkingBudget = budget;
  } else if (budget !== undefined) reasoning.budgetTokens = budget;
  const level = thinking.string('thinkingLevel');
  if (level !== undefined) {
    const effort = THINKING_LEVELS[level.toUpperCase() as keyof typeof THINKING_LEVELS];
    if (effort === undefined) throw invalidRequest(thinking.at('thinkingLevel'), 'one of MINIMAL, LOW, MEDIUM, HIGH');
    reasoning.effort = effort;
  }
  const includeThoughts = thinking.boolean('includeThoughts');
  if (includeThoughts !== undefined) reasoning.includeThoughts = includeThoughts;
  if (Object.keys(thinkingRest).length > 0) rest.thinkingConfig = thinkingRest;
  return reasoning;
}
