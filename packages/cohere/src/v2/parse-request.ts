import type {
  AssistantMessage,
  AssistantPart,
  ChatRequest,
  ImagePart,
  JsonObject,
  Message,
  ReasoningConfig,
  ResponseFormat,
  SystemMessage,
  TextPart,
  ToolCallPart,
  ToolChoice,
  ToolDefinition,
  ToolMessage,
  UserMessage,
  UserPart,
} from '@fluxcore/message';
import { parseDataUrl } from '../shared/data-url.js';
import {
  invalidRequest,
  isObject,
  jsonText,
  leftoverFields,
  optionalBoolean,
  optionalNumber,
  optionalString,
  optionalStringArray,
  requireObject,
} from '../shared/wire-input.js';
import { PROTOCOL, TOOL_PLAN_MARK } from './names.js';

const TOP_LEVEL = new Set([
  'model', 'messages', 'stream', 'tools', 'strict_tools', 'tool_choice', 'response_format', 'max_tokens',
  'stop_sequences', 'temperature', 'seed', 'frequency_penalty', 'presence_penalty', 'k', 'p', 'thinking',
]);

/** Parse a Cohere Chat v2 request body into the IR. Unmodelled fields (`documents`, `safety_mode`, ...) go to `extras.cohere`. */
export function parseCohereRequest(body: unknown): ChatRequest {
  const wire = requireObject(body, 'body');
  if (!Array.isArray(wire.messages)) throw invalidRequest('messages', 'expected an array of messages');
  const callNames = new Map<string, string>();
  const request: ChatRequest = {
    messages: wire.messages.map((message, i) => parseMessage(message, `messages[${i}]`, callNames)),
    stream: optionalBoolean(wire.stream, 'stream') ?? false,
  };
  const model = optionalString(wire.model, 'model');
  if (model !== undefined) request.model = model;
  if (wire.tools !== undefined && wire.tools !== null) request.tools = parseTools(wire.tools, optionalBoolean(wire.strict_tools, 'strict_tools'));
  const toolChoice = parseToolChoice(wire.tool_choice);
  if (toolChoice !== undefined) request.toolChoice = toolChoice;
  assign(request, 'maxTokens', optionalNumber(wire.max_tokens, 'max_tokens'));
  assign(request, 'temperature', optionalNumber(wire.temperature, 'temperature'));
  assign(request, 'topP', optionalNumber(wire.p, 'p'));
  assign(request, 'topK', optionalNumber(wire.k, 'k'));
  assign(request, 'seed', optionalNumber(wire.seed, 'seed'));
  assign(request, 'frequencyPenalty', optionalNumber(wire.frequency_penalty, 'frequency_penalty'));
  assign(request, 'presencePenalty', optionalNumber(wire.presence_penalty, 'presence_penalty'));
  assign(request, 'stopSequences', optionalStringArray(wire.stop_sequences, 'stop_sequences'));
  assign(request, 'responseFormat', parseResponseFormat(wire.response_format));
  assign(request, 'reasoning', parseThinking(wire.thinking));
  // strict_tools is global on the wire but per tool in the IR: without tools it stays an extra.
  const known = request.tools === undefined ? new Set([...TOP_LEVEL].filter((key) => key !== 'strict_tools')) : TOP_LEVEL;
  const extras = leftoverFields(wire, known);
  if (extras !== undefined) request.extras = { [PROTOCOL]: extras };
  return request;
}

function assign<K extends keyof ChatRequest>(request: ChatRequest, key: K, value: ChatRequest[K] | undefined): void {
  if (value !== undefined) request[key] = value;
}

const MESSAGE_FIELDS: Record<string, ReadonlySet<string>> = {
  system: new Set(['role', 'content']),
  user: new Set(['role', 'content']),
  assistant: new Set(['role', 'content', 'tool_calls', 'tool_plan']),
  tool: new Set(['role', 'content', 'tool_call_id']),
};

function parseMessage(raw: unknown, path: string, callNames: Map<string, string>): Message {
  const wire = requireObject(raw, path);
  const message = parseByRole(wire, path, callNames);
  const extras = leftoverFields(wire, MESSAGE_FIELDS[message.role]!);
  if (extras !== undefined) message.extras = { [PROTOCOL]: extras };
  return message;
}

function parseByRole(wire: JsonObject, path: string, callNames: Map<string, string>): Message {
  switch (wire.role) {
    case 'system':
      return { role: 'system', content: parseTextContent(wire.content, `${path}.content`) } satisfies SystemMessage;
    case 'user':
      return { role: 'user', content: parseUserContent(wire.content, `${path}.content`) } satisfies UserMessage;
    case 'assistant':
      return parseAssistant(wire, path, callNames);
    case 'tool':
      return parseToolMessage(wire, path, callNames);
    default:
      throw invalidRequest(`${path}.role`, 'expected "system", "user", "assistant" or "tool"');
  }
}

function parseTextContent(content: unknown, path: string): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalidRequest(path, 'expected a string or an array of text parts');
  return content.map((part, j) => {
    const wire = requireObject(part, `${path}[${j}]`);
    if (wire.type !== 'text') throw invalidRequest(`${path}[${j}].type`, 'expected "text"');
    return textPart(wire, `${path}[${j}]`);
  });
}

function textPart(wire: JsonObject, path: string): TextPart {
  if (typeof wire.text !== 'string') throw invalidRequest(`${path}.text`, 'expected a string');
  const part: TextPart = { type: 'text', text: wire.text };
  const extras = leftoverFields(wire, new Set(['type', 'text']));
  if (extras !== undefined) part.extras = { [PROTOCOL]: extras };
  return part;
}

function parseUserContent(content: unknown, path: string): UserPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalidRequest(path, 'expected a string or an array of content parts');
  return content.map((part, j): UserPart => {
    const wire = requireObject(part, `${path}[${j}]`);
    if (wire.type === 'text') return textPart(wire, `${path}[${j}]`);
    if (wire.type === 'image_url') return imagePart(wire, `${path}[${j}]`);
    throw invalidRequest(`${path}[${j}].type`, 'expected "text" or "image_url"');
  });
}

function imagePart(wire: JsonObject, path: string): ImagePart {
  const image = requireObject(wire.image_url, `${path}.image_url`);
  if (typeof image.url !== 'string') throw invalidRequest(`${path}.image_url.url`, 'expected a string (an https or data: URL)');
  const inline = parseDataUrl(image.url);
  const part: ImagePart = {
    type: 'image',
    source: inline === undefined ? { kind: 'url', url: image.url } : { kind: 'base64', data: inline.data, mediaType: inline.mediaType },
  };
  if (image.detail !== undefined && image.detail !== null) {
    if (image.detail !== 'auto' && image.detail !== 'low' && image.detail !== 'high') {
      throw invalidRequest(`${path}.image_url.detail`, 'expected "auto", "low" or "high"');
    }
    part.detail = image.detail;
  }
  const extras = leftoverFields(wire, new Set(['type', 'image_url']));
  if (extras !== undefined) part.extras = { [PROTOCOL]: extras };
  return part;
}

function parseAssistant(wire: JsonObject, path: string, callNames: Map<string, string>): AssistantMessage {
  const content: AssistantPart[] = [];
  if (typeof wire.content === 'string') content.push({ type: 'text', text: wire.content });
  else if (Array.isArray(wire.content)) content.push(...wire.content.map((part, j) => assistantPart(part, `${path}.content[${j}]`)));
  else if (wire.content !== undefined && wire.content !== null) {
    throw invalidRequest(`${path}.content`, 'expected a string or an array of text and thinking parts');
  }
  const plan = optionalString(wire.tool_plan, `${path}.tool_plan`);
  if (plan !== undefined && plan !== '') content.push({ type: 'text', text: plan, extras: { [PROTOCOL]: { [TOOL_PLAN_MARK]: true } } });
  if (wire.tool_calls !== undefined && wire.tool_calls !== null) {
    if (!Array.isArray(wire.tool_calls)) throw invalidRequest(`${path}.tool_calls`, 'expected an array of tool calls');
    wire.tool_calls.forEach((call, k) => {
      const part = toolCallPart(call, `${path}.tool_calls[${k}]`);
      callNames.set(part.id, part.name);
      content.push(part);
    });
  }
  return { role: 'assistant', content };
}

function assistantPart(raw: unknown, path: string): AssistantPart {
  const wire = requireObject(raw, path);
  if (wire.type === 'text') return textPart(wire, path);
  if (wire.type === 'thinking') {
    if (typeof wire.thinking !== 'string') throw invalidRequest(`${path}.thinking`, 'expected a string');
    return { type: 'reasoning', text: wire.thinking };
  }
  throw invalidRequest(`${path}.type`, 'expected "text" or "thinking"');
}

function toolCallPart(raw: unknown, path: string): ToolCallPart {
  const wire = requireObject(raw, path);
  if (typeof wire.id !== 'string') throw invalidRequest(`${path}.id`, 'expected a string');
  const fn = requireObject(wire.function, `${path}.function`);
  if (typeof fn.name !== 'string') throw invalidRequest(`${path}.function.name`, 'expected a string');
  const args = fn.arguments;
  if (args !== undefined && args !== null && typeof args !== 'string' && !isObject(args)) {
    throw invalidRequest(`${path}.function.arguments`, 'expected a JSON string');
  }
  const tooDeep = () => invalidRequest(`${path}.function.arguments`, 'expected JSON nested less deeply');
  const argumentsText = typeof args === 'string' ? args : isObject(args) ? jsonText(args, tooDeep) : '';
  return { type: 'tool-call', id: wire.id, name: fn.name, arguments: argumentsText };
}

function parseToolMessage(wire: JsonObject, path: string, callNames: Map<string, string>): ToolMessage {
  if (typeof wire.tool_call_id !== 'string') throw invalidRequest(`${path}.tool_call_id`, 'expected a string');
  const name = callNames.get(wire.tool_call_id);
  return {
    role: 'tool',
    content: [{
      type: 'tool-result',
      toolCallId: wire.tool_call_id,
      ...(name === undefined ? {} : { toolName: name }),
      content: parseToolContent(wire.content, `${path}.content`),
    }],
  };
}

/** Tool output: a string, or text and document parts. A document becomes its JSON text, marked so it goes back as a document. */
function parseToolContent(content: unknown, path: string): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalidRequest(path, 'expected a string or an array of text and document parts');
  return content.map((part, j) => {
    const wire = requireObject(part, `${path}[${j}]`);
    if (wire.type === 'text') return textPart(wire, `${path}[${j}]`);
    if (wire.type !== 'document') throw invalidRequest(`${path}[${j}].type`, 'expected "text" or "document"');
    const document = requireObject(wire.document, `${path}[${j}].document`);
    const data = requireObject(document.data, `${path}[${j}].document.data`);
    const marker = leftoverFields(document, new Set(['data'])) ?? {};
    const text = jsonText(data, () => invalidRequest(`${path}[${j}].document.data`, 'expected JSON nested less deeply'));
    return { type: 'text', text, extras: { [PROTOCOL]: { document: marker } } };
  });
}

function parseTools(raw: unknown, strict: boolean | undefined): ToolDefinition[] {
  if (!Array.isArray(raw)) throw invalidRequest('tools', 'expected an array of tools');
  return raw.map((item, i) => {
    const path = `tools[${i}]`;
    const wire = requireObject(item, path);
    if (wire.type !== 'function') throw invalidRequest(`${path}.type`, 'expected "function"');
    const fn = requireObject(wire.function, `${path}.function`);
    if (typeof fn.name !== 'string' || fn.name === '') throw invalidRequest(`${path}.function.name`, 'expected a non-empty string');
    const tool: ToolDefinition = { name: fn.name, parameters: { type: 'object' } };
    const description = optionalString(fn.description, `${path}.function.description`);
    if (description !== undefined) tool.description = description;
    if (fn.parameters !== undefined && fn.parameters !== null) tool.parameters = requireObject(fn.parameters, `${path}.function.parameters`);
    if (strict !== undefined) tool.strict = strict;
    const extras = leftoverFields(fn, new Set(['name', 'description', 'parameters']));
    if (extras !== undefined) tool.extras = { [PROTOCOL]: extras };
    return tool;
  });
}

function parseToolChoice(raw: unknown): ToolChoice | undefined {
  if (raw === undefined || raw === null) return undefined;
  const value = typeof raw === 'string' ? raw.toUpperCase() : raw;
  if (value === 'REQUIRED') return { type: 'required' };
  if (value === 'NONE') return { type: 'none' };
  throw invalidRequest('tool_choice', 'expected "REQUIRED" or "NONE" (omit it for auto)');
}

function parseResponseFormat(raw: unknown): ResponseFormat | undefined {
  if (raw === undefined || raw === null) return undefined;
  const wire = requireObject(raw, 'response_format');
  if (wire.type === 'text') return { type: 'text' };
  if (wire.type !== 'json_object') throw invalidRequest('response_format.type', 'expected "text" or "json_object"');
  if (wire.json_schema === undefined || wire.json_schema === null) return { type: 'json' };
  return { type: 'json', schema: requireObject(wire.json_schema, 'response_format.json_schema') };
}

function parseThinking(raw: unknown): ReasoningConfig | undefined {
  if (raw === undefined || raw === null) return undefined;
  const wire = requireObject(raw, 'thinking');
  if (wire.type !== 'enabled' && wire.type !== 'disabled') throw invalidRequest('thinking.type', 'expected "enabled" or "disabled"');
  const config: ReasoningConfig = { enabled: wire.type === 'enabled' };
  const budget = optionalNumber(wire.token_budget, 'thinking.token_budget');
  if (budget !== undefined) config.budgetTokens = budget;
  return config;
}
