import { FluxError } from '@fluxcore/errors';
import {
  REASONING_EFFORT_BUDGET,
  type ChatRequest,
  type JsonObject,
  type JsonValue,
  type Message,
  type ReasoningConfig,
  type ToolChoice,
  type UpstreamRequest,
  type UpstreamTarget,
} from '@fluxcore/message';
import { argumentsObject, assistantPartToWire, interleave, mediaToWire, textToWire, toolResultToWire } from './content-build.js';
import { invalidRequest, isObject } from './read.js';
import { buildGeminiUrl } from './url.js';

/**
 * Documented value that lets Gemini 3 accept a function call whose signature was lost, e.g.
 * one that another provider made (https://ai.google.dev/gemini-api/docs/thought-signatures).
 */
export const SKIP_SIGNATURE_VALIDATION = 'skip_thought_signature_validator';

/** The upstream `generateContent` request for an IR request. */
export function buildGeminiRequest(request: ChatRequest, target: UpstreamTarget): UpstreamRequest {
  return { url: upstreamUrl(target), method: 'POST', headers: upstreamHeaders(target), body: JSON.stringify(buildGeminiBody(request, target.model)) };
}

/** Same protocol on both sides: the client's body as is; the model lives in the URL only. */
export function buildGeminiPassthroughRequest(body: JsonObject, target: UpstreamTarget): UpstreamRequest {
  const { model: _model, ...rest } = body;
  return { url: upstreamUrl(target), method: 'POST', headers: upstreamHeaders(target), body: JSON.stringify(rest) };
}

function upstreamUrl(target: UpstreamTarget): string {
  if (target.model.trim() === '') throw new FluxError({ category: 'invalid_request', message: 'model: Gemini needs a model for its URL; set one on the endpoint or in the request', param: 'model' });
  return buildGeminiUrl(target);
}

function upstreamHeaders(target: UpstreamTarget): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-goog-api-key': target.apiKey };
  for (const [name, value] of Object.entries(target.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

/** The JSON body: our own extras first, then every modelled field. */
export function buildGeminiBody(request: ChatRequest, model: string): JsonObject {
  const { tools: builtinTools, toolConfig, generationConfig, systemInstruction, ...top } = request.extras?.gemini ?? {};
  const body: JsonObject = { ...top };
  const system = systemParts(request.messages);
  if (system.length > 0) body.systemInstruction = { ...asObject(systemInstruction), parts: system };
  body.contents = buildContents(request.messages, model);
  const tools = buildTools(request, builtinTools);
  if (tools.length > 0) body.tools = tools;
  const config = buildToolConfig(request.toolChoice, asObject(toolConfig));
  if (config !== undefined) body.toolConfig = config;
  const generation = buildGenerationConfig(request, asObject(generationConfig), model);
  if (Object.keys(generation).length > 0) body.generationConfig = generation;
  return body;
}

function asObject(value: JsonValue | undefined): JsonObject {
  return isObject(value) ? value : {};
}

/** Every system message, wherever it stands, is hoisted into `systemInstruction`. */
function systemParts(messages: Message[]): JsonObject[] {
  return messages.flatMap((message) => (message.role === 'system' ? message.content.flatMap(textToWire) : []));
}

/**
 * Messages -> `contents`: assistant turns become `model`, user and tool turns `user`, and
 * consecutive turns of one role are merged (so tool results and the next user text share a
 * turn). Tool results are matched to the name of the call they answer.
 */
function buildContents(messages: Message[], model: string): JsonObject[] {
  const callNames = new Map<string, string>();
  const contents: JsonObject[] = [];
  messages.forEach((message, i) => {
    if (message.role === 'system') return;
    const role = message.role === 'assistant' ? 'model' : 'user';
    const parts = interleave(messageParts(message, `messages[${i}]`, callNames), message.extras?.gemini?.unmodelledParts);
    if (role === 'model' && /gemini-3/i.test(model)) markFirstCall(parts);
    if (parts.length === 0) return;
    const { unmodelledParts: _unmodelled, ...fields } = message.extras?.gemini ?? {};
    const previous = contents.at(-1);
    if (previous?.role === role && Array.isArray(previous.parts)) previous.parts.push(...parts);
    else contents.push({ ...fields, role, parts });
  });
  return contents;
}

function messageParts(message: Exclude<Message, { role: 'system' }>, path: string, callNames: Map<string, string>): JsonObject[][] {
  switch (message.role) {
    case 'user':
      return message.content.map((part) => (part.type === 'text' ? textToWire(part) : [mediaToWire(part)]));
    case 'assistant':
      return message.content.map((part, j) => {
        if (part.type === 'tool-call') callNames.set(part.id, part.name);
        const argumentsOf = (text: string) => argumentsObject(text, `${path}.content[${j}].arguments`, invalidRequest);
        return assistantPartToWire(part, { includeCallIds: false, argumentsOf, foreignReasoning: 'drop' });
      });
    case 'tool':
      return message.content.map((part, j) => {
        const name = callNames.get(part.toolCallId) ?? part.toolName;
        if (name === undefined) throw invalidRequest(`${path}.content[${j}].toolCallId`, 'the id of an earlier tool call (Gemini needs the function name of every result)');
        return [toolResultToWire(part, name)];
      });
  }
}

/** Gemini 3 rejects a turn whose first function call has no signature; use the documented bypass. */
function markFirstCall(parts: JsonObject[]): void {
  const first = parts.find((part) => 'functionCall' in part);
  if (first !== undefined && first.thoughtSignature === undefined) first.thoughtSignature = SKIP_SIGNATURE_VALIDATION;
}

/** One `functionDeclarations` tool for all functions, then built-in tools kept from a Gemini client. */
function buildTools(request: ChatRequest, builtinTools: JsonValue | undefined): JsonObject[] {
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
function buildToolConfig(choice: ToolChoice | undefined, extras: JsonObject): JsonObject | undefined {
  const { functionCallingConfig, ...rest } = extras;
  const calling: JsonObject = { ...asObject(functionCallingConfig) };
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

function buildGenerationConfig(request: ChatRequest, extras: JsonObject, model: string): JsonObject {
  const { thinkingConfig, ...rest } = extras;
  const config: JsonObject = { ...rest };
  const put = (name: string, value: JsonValue | undefined) => {
    if (value !== undefined) config[name] = value;
  };
  put('maxOutputTokens', request.maxTokens);
  put('temperature', request.temperature);
  put('topP', request.topP);
  put('topK', request.topK);
  put('stopSequences', request.stopSequences);
  put('seed', request.seed);
  put('presencePenalty', request.presencePenalty);
  put('frequencyPenalty', request.frequencyPenalty);
  const format = request.responseFormat;
  if (format?.type === 'text') config.responseMimeType = 'text/plain';
  if (format?.type === 'json') {
    config.responseMimeType = 'application/json';
    if (format.schema !== undefined && !('responseSchema' in config)) config.responseJsonSchema = format.schema;
  }
  const thinking = { ...asObject(thinkingConfig), ...thinkingOf(request.reasoning, model) };
  if (Object.keys(thinking).length > 0) config.thinkingConfig = thinking;
  return config;
}

/**
 * Reasoning -> `thinkingConfig`. Off -> budget 0; a budget is sent as is; an effort becomes a
 * `thinkingLevel` for Gemini 3 models and a budget (REASONING_EFFORT_BUDGET) for older ones.
 */
function thinkingOf(reasoning: ReasoningConfig | undefined, model: string): JsonObject {
  const thinking: JsonObject = {};
  if (reasoning === undefined) return thinking;
  if (reasoning.enabled === false) thinking.thinkingBudget = 0;
  else if (reasoning.budgetTokens !== undefined) thinking.thinkingBudget = reasoning.budgetTokens;
  else if (reasoning.effort !== undefined) {
    if (/gemini-3/i.test(model)) thinking.thinkingLevel = reasoning.effort.toUpperCase();
    else thinking.thinkingBudget = REASONING_EFFORT_BUDGET[reasoning.effort];
  }
  if (reasoning.includeThoughts !== undefined) thinking.includeThoughts = reasoning.includeThoughts;
  return thinking;
}
