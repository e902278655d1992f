import { FluxError } from '@fluxcore/errors';
import {
  isObject,
  tryParseJson,
  type AssistantMessage,
  type ChatRequest,
  type JsonObject,
  type JsonValue,
  type Message,
  type ToolMessage,
  type UpstreamRequest,
  type UpstreamTarget,
  type UserMessage,
} from '@fluxcore/message';
import { writeResponseFormat } from '../shared/response-format.js';
import { writeSampling } from '../shared/sampling.js';
import { cohereChatRequest } from '../shared/upstream-request.js';
import { PROTOCOL } from './names.js';
import { jsonSchemaToDefinitions } from './parameter-definitions.js';

type CallLookup = Map<string, { name: string; parameters: JsonObject }>;

/**
 * Build `POST {base}/v1/chat` for an IR request. Leading system messages become `preamble`;
 * the last user turn becomes `message`; trailing tool results become `tool_results` (with
 * `message: ""`); everything before goes to `chat_history`. v1 cannot carry images, files or
 * reasoning: images and files are refused with `invalid_request`, reasoning is dropped.
 */
export function buildCohereV1Request(request: ChatRequest, target: UpstreamTarget): UpstreamRequest {
  const calls: CallLookup = new Map();
  const { preamble, rest } = splitPreamble(request.messages);
  const { history, current } = splitCurrentTurn(rest);
  const body: JsonObject = { model: target.model };
  if (preamble !== undefined) body.preamble = preamble;
  body.chat_history = history.map(({ message, index }) => historyEntry(message, index, calls));
  if (current?.role === 'user') body.message = userText(current.message, current.index);
  else body.message = '';
  if (current?.role === 'tool') body.tool_results = current.messages.flatMap(({ message, index }) => toolResults(message, index, calls));
  addTools(body, request);
  writeSampling(body, request);
  if (request.responseFormat !== undefined) body.response_format = writeResponseFormat(request.responseFormat, 'schema');
  Object.assign(body, request.extras?.[PROTOCOL]);
  body.stream = target.stream;
  return cohereChatRequest(body, target, 'v1');
}

type Indexed<M extends Message = Message> = { message: M; index: number };

function splitPreamble(messages: Message[]): { preamble?: string; rest: Indexed[] } {
  const indexed = messages.map((message, index) => ({ message, index }));
  let first = 0;
  while (indexed[first]?.message.role === 'system') first++;
  if (first === 0) return { rest: indexed };
  const preamble = indexed
    .slice(0, first)
    .map(({ message }) => joinText(message.content))
    .join('\n\n');
  return { preamble, rest: indexed.slice(first) };
}

type CurrentTurn = { role: 'user'; message: UserMessage; index: number } | { role: 'tool'; messages: Array<Indexed<ToolMessage>> };

function splitCurrentTurn(messages: Indexed[]): { history: Indexed[]; current?: CurrentTurn } {
  const last = messages.at(-1);
  if (last?.message.role === 'user') {
    return { history: messages.slice(0, -1), current: { role: 'user', message: last.message, index: last.index } };
  }
  let start = messages.length;
  while (start > 0 && messages[start - 1]!.message.role === 'tool') start--;
  if (start === messages.length) return { history: messages };
  return { history: messages.slice(0, start), current: { role: 'tool', messages: messages.slice(start) as Array<Indexed<ToolMessage>> } };
}

function historyEntry(message: Message, index: number, calls: CallLookup): JsonObject {
  const extras = message.extras?.[PROTOCOL] ?? {};
  switch (message.role) {
    case 'system':
      return { ...extras, role: 'SYSTEM', message: joinText(message.content) };
    case 'user':
      return { ...extras, role: 'USER', message: userText(message, index) };
    case 'assistant':
      return { ...extras, ...chatbotEntry(message, index, calls) };
    case 'tool':
      return { ...extras, role: 'TOOL', tool_results: toolResults(message, index, calls) };
  }
}

function joinText(parts: Array<{ type: string; text?: string }>): string {
  return parts.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('');
}

function userText(message: UserMessage, index: number): string {
  message.content.forEach((part, j) => {
    if (part.type !== 'text') {
      const param = `messages[${index}].content[${j}]`;
      throw new FluxError({ category: 'invalid_request', param, message: `${param}: Cohere v1 cannot carry ${part.type === 'image' ? 'images' : 'files'}` });
    }
  });
  return joinText(message.content);
}

function chatbotEntry(message: AssistantMessage, index: number, calls: CallLookup): JsonObject {
  const entry: JsonObject = { role: 'CHATBOT', message: joinText(message.content) };
  const toolCalls: JsonObject[] = [];
  message.content.forEach((part, j) => {
    if (part.type !== 'tool-call') return;
    const parameters = parseArguments(part.arguments, `messages[${index}].content[${j}].arguments`);
    calls.set(part.id, { name: part.name, parameters });
    toolCalls.push({ name: part.name, parameters });
  });
  if (toolCalls.length > 0) entry.tool_calls = toolCalls;
  return entry;
}

/** v1 wants a parameters object; empty or `null` arguments mean no parameters. */
function parseArguments(text: string, param: string): JsonObject {
  if (text.trim() === '' || text.trim() === 'null') return {};
  const parsed = tryParseJson(text);
  if (isObject(parsed)) return parsed;
  throw new FluxError({ category: 'invalid_request', param, message: `${param}: Cohere v1 needs tool arguments as a JSON object` });
}

/** Results are matched by `{ name, parameters }`, taken from the call with the same id. */
function toolResults(message: ToolMessage, index: number, calls: CallLookup): JsonObject[] {
  return message.content.map((result, j) => {
    const call = calls.get(result.toolCallId);
    const name = call?.name ?? result.toolName;
    if (name === undefined) {
      const param = `messages[${index}].content[${j}].toolCallId`;
      throw new FluxError({
        category: 'invalid_request',
        param,
        message: `${param}: no earlier tool call has this id, and Cohere v1 matches results by tool name`,
      });
    }
    return { call: { name, parameters: call?.parameters ?? {} }, outputs: result.content.flatMap(outputObject) };
  });
}

/** A text that is a JSON object goes back as that object; other text is wrapped as `{ output }`. Images cannot be expressed. */
function outputObject(part: { type: string; text?: string }): JsonValue[] {
  if (part.type !== 'text' || part.text === undefined) return [];
  const parsed = tryParseJson(part.text);
  return [isObject(parsed) ? parsed : { output: part.text }];
}

/**
 * v1 has no tool choice: `none` sends no tools, a named tool sends only that tool, `required`
 * cannot be expressed and is dropped. Each tool's original `parameter_definitions` is reused
 * when the request came from a v1 client; otherwise it is derived from the JSON Schema.
 */
function addTools(body: JsonObject, request: ChatRequest): void {
  const choice = request.toolChoice;
  if (request.tools === undefined || choice?.type === 'none') return;
  const tools = choice?.type === 'tool' ? request.tools.filter((tool) => tool.name === choice.name) : request.tools;
  if (tools.length === 0) return;
  body.tools = tools.map((tool) => {
    const extras = tool.extras?.[PROTOCOL] ?? {};
    const definitions = isObject(extras.parameter_definitions) ? extras.parameter_definitions : jsonSchemaToDefinitions(tool.parameters);
    return { ...extras, name: tool.name, description: tool.description ?? '', parameter_definitions: definitions };
  });
}
