import type {
  AssistantPart,
  ChatRequest,
  JsonObject,
  Message,
  ResponseFormat,
  TextPart,
  ToolCallPart,
  ToolDefinition,
  ToolMessage,
  ToolResultPart,
} from '@fluxcore/message';
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
import { PROTOCOL } from './names.js';
import { definitionsToJsonSchema } from './parameter-definitions.js';
import { ToolCallIds } from './tool-ids.js';

const TOP_LEVEL = new Set([
  'message', 'model', 'preamble', 'chat_history', 'tools', 'tool_results', 'temperature', 'max_tokens', 'k', 'p',
  'seed', 'stop_sequences', 'frequency_penalty', 'presence_penalty', 'response_format', 'stream',
]);

/**
 * Parse a Cohere Chat v1 request into the IR: `preamble` first as a system message, then
 * `chat_history`, then the current turn (`message` and/or `tool_results`). Tool calls get ids
 * derived from name + parameters (see tool-ids.ts), which is also how results find their call.
 */
export function parseCohereV1Request(body: unknown): ChatRequest {
  const wire = requireObject(body, 'body');
  if (typeof wire.message !== 'string') throw invalidRequest('message', 'expected a string (the current user turn)');
  const messages: Message[] = [];
  const preamble = optionalString(wire.preamble, 'preamble');
  if (preamble !== undefined) messages.push({ role: 'system', content: [{ type: 'text', text: preamble }] });
  if (wire.chat_history !== undefined && wire.chat_history !== null) {
    if (!Array.isArray(wire.chat_history)) throw invalidRequest('chat_history', 'expected an array of history entries');
    wire.chat_history.forEach((entry, i) => messages.push(historyEntry(entry, `chat_history[${i}]`)));
  }
  appendCurrentTurn(messages, wire.message, wire.tool_results);
  const request: ChatRequest = { messages, stream: optionalBoolean(wire.stream, 'stream') ?? false };
  const model = optionalString(wire.model, 'model');
  if (model !== undefined) request.model = model;
  if (wire.tools !== undefined && wire.tools !== null) request.tools = parseTools(wire.tools);
  assign(request, 'maxTokens', optionalNumber(wire.max_tokens, 'max_tokens'));
  assign(request, 'temperature', optionalNumber(wire.temperature, 'temperature'));
  assign(request, 'topP', optionalNumber(wire.p, 'p'));
  assign(request, 'topK', optionalNumber(wire.k, 'k'));
  assign(request, 'seed', optionalNumber(wire.seed, 'seed'));
  assign(request, 'frequencyPenalty', optionalNumber(wire.frequency_penalty, 'frequency_penalty'));
  assign(request, 'presencePenalty', optionalNumber(wire.presence_penalty, 'presence_penalty'));
  assign(request, 'stopSequences', optionalStringArray(wire.stop_sequences, 'stop_sequences'));
  assign(request, 'responseFormat', parseResponseFormat(wire.response_format));
  const extras = leftoverFields(wire, TOP_LEVEL);
  if (extras !== undefined) request.extras = { [PROTOCOL]: extras };
  return request;
}

function assign<K extends keyof ChatRequest>(request: ChatRequest, key: K, value: ChatRequest[K] | undefined): void {
  if (value !== undefined) request[key] = value;
}

function historyEntry(raw: unknown, path: string): Message {
  const wire = requireObject(raw, path);
  const role = typeof wire.role === 'string' ? wire.role.toUpperCase() : undefined;
  const message = entryByRole(wire, role, path);
  const extras = leftoverFields(wire, new Set(['role', 'message', 'tool_calls', 'tool_results']));
  if (extras !== undefined) message.extras = { [PROTOCOL]: extras };
  return message;
}

function entryByRole(wire: JsonObject, role: string | undefined, path: string): Message {
  if (role === 'TOOL') return toolMessage(wire.tool_results, `${path}.tool_results`);
  const text = optionalString(wire.message, `${path}.message`) ?? '';
  if (role === 'USER') return { role: 'user', content: [{ type: 'text', text }] };
  if (role === 'SYSTEM') return { role: 'system', content: [{ type: 'text', text }] };
  if (role !== 'CHATBOT') throw invalidRequest(`${path}.role`, 'expected "USER", "CHATBOT", "SYSTEM" or "TOOL"');
  const content: AssistantPart[] = text === '' ? [] : [{ type: 'text', text }];
  content.push(...toolCalls(wire.tool_calls, `${path}.tool_calls`));
  return { role: 'assistant', content };
}

function toolCalls(raw: unknown, path: string): ToolCallPart[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalidRequest(path, 'expected an array of tool calls');
  const ids = new ToolCallIds();
  return raw.map((item, k) => {
    const call = toolCall(item, `${path}[${k}]`);
    const args = jsonText(call.parameters, () => invalidRequest(`${path}[${k}].parameters`, 'expected JSON nested less deeply'));
    return { type: 'tool-call', id: ids.next(call.name, call.parameters), name: call.name, arguments: args };
  });
}

function toolCall(raw: unknown, path: string): { name: string; parameters: JsonObject } {
  const wire = requireObject(raw, path);
  if (typeof wire.name !== 'string') throw invalidRequest(`${path}.name`, 'expected a string');
  const parameters = wire.parameters === undefined || wire.parameters === null ? {} : requireObject(wire.parameters, `${path}.parameters`);
  return { name: wire.name, parameters };
}

function toolMessage(raw: unknown, path: string): ToolMessage {
  return parseResults(raw, path).message;
}

/** Tool results, and the calls they answer (same ids), in order. */
function parseResults(raw: unknown, path: string): { message: ToolMessage; calls: ToolCallPart[] } {
  if (!Array.isArray(raw)) throw invalidRequest(path, 'expected an array of tool results');
  const ids = new ToolCallIds();
  const calls: ToolCallPart[] = [];
  const content = raw.map((item, k): ToolResultPart => {
    const wire = requireObject(item, `${path}[${k}]`);
    const call = toolCall(wire.call, `${path}[${k}].call`);
    const id = ids.next(call.name, call.parameters);
    const args = jsonText(call.parameters, () => invalidRequest(`${path}[${k}].call.parameters`, 'expected JSON nested less deeply'));
    calls.push({ type: 'tool-call', id, name: call.name, arguments: args });
    return { type: 'tool-result', toolCallId: id, toolName: call.name, content: outputs(wire.outputs, `${path}[${k}].outputs`) };
  });
  return { message: { role: 'tool', content }, calls };
}

/** Each output object becomes one text part holding its JSON. */
function outputs(raw: unknown, path: string): TextPart[] {
  if (!Array.isArray(raw)) throw invalidRequest(path, 'expected an array of objects');
  return raw.map((output, j): TextPart => {
    const text = jsonText(requireObject(output, `${path}[${j}]`), () => invalidRequest(`${path}[${j}]`, 'expected JSON nested less deeply'));
    return { type: 'text', text };
  });
}

/**
 * The current turn. Multi-step clients send `message: ""` with `tool_results` answering the
 * last CHATBOT turn's calls; single-step clients repeat the question in `message` and send
 * `tool_results` with no CHATBOT turn at all. For the latter we add the assistant turn that
 * made the calls, so every result follows its call as other protocols require.
 */
function appendCurrentTurn(messages: Message[], text: string, rawResults: unknown): void {
  if (rawResults === undefined || rawResults === null || (Array.isArray(rawResults) && rawResults.length === 0)) {
    messages.push({ role: 'user', content: [{ type: 'text', text }] });
    return;
  }
  const { message: results, calls } = parseResults(rawResults, 'tool_results');
  const previous = messages.at(-1);
  const answered = previous?.role === 'assistant' && results.content.every((result) =>
    previous.content.some((part) => part.type === 'tool-call' && part.id === result.toolCallId));
  if (answered) {
    messages.push(results);
    if (text !== '') messages.push({ role: 'user', content: [{ type: 'text', text }] });
    return;
  }
  if (text !== '') messages.push({ role: 'user', content: [{ type: 'text', text }] });
  messages.push({ role: 'assistant', content: calls });
  messages.push(results);
}

function parseTools(raw: unknown): ToolDefinition[] {
  if (!Array.isArray(raw)) throw invalidRequest('tools', 'expected an array of tools');
  return raw.map((item, i) => {
    const path = `tools[${i}]`;
    const wire = requireObject(item, path);
    if (typeof wire.name !== 'string' || wire.name === '') throw invalidRequest(`${path}.name`, 'expected a non-empty string');
    const definitions = wire.parameter_definitions === undefined || wire.parameter_definitions === null
      ? {}
      : requireObject(wire.parameter_definitions, `${path}.parameter_definitions`);
    const tool: ToolDefinition = { name: wire.name, parameters: definitionsToJsonSchema(definitions) };
    const description = optionalString(wire.description, `${path}.description`);
    if (description !== undefined) tool.description = description;
    // The flat definitions are kept verbatim so a v1 → v1 trip does not go through JSON Schema.
    const extras = leftoverFields(wire, new Set(['name', 'description']));
    if (extras !== undefined) tool.extras = { [PROTOCOL]: extras };
    return tool;
  });
}

function parseResponseFormat(raw: unknown): ResponseFormat | undefined {
  if (raw === undefined || raw === null) return undefined;
  const wire = requireObject(raw, 'response_format');
  if (wire.type === 'text') return { type: 'text' };
  if (wire.type !== 'json_object') throw invalidRequest('response_format.type', 'expected "text" or "json_object"');
  return isObject(wire.schema) ? { type: 'json', schema: wire.schema } : { type: 'json' };
}
