import type { AssistantMessage, AssistantPart, JsonObject, JsonValue, Message, SystemMessage, ToolCallPart, ToolMessage, UserMessage, UserPart } from '@fluxcore/message';
import { parseAssistantContent, parseTextContent, parseUserPart } from './content-parse.js';
import { extrasOf, PROTOCOL } from './extras.js';
import { field, invalid, isObject } from './read.js';

/** Tool call ids seen so far in the conversation, to name tool results and link legacy function results. */
class CallBook {
  private readonly names = new Map<string, string>();
  private readonly lastIdByName = new Map<string, string>();
  private legacyCount = 0;

  record(id: string, name: string): void {
    this.names.set(id, name);
    this.lastIdByName.set(name, id);
  }
  nameOf(id: string): string | undefined {
    return this.names.get(id);
  }
  /** Legacy `function_call`s have no id: give each a stable one by position. */
  legacyId(): string {
    return `call_legacy_${this.legacyCount++}`;
  }
  /** A legacy `function` result answers the latest call of that name. */
  idForLegacyResult(name: string): string {
    return this.lastIdByName.get(name) ?? `call_legacy_${name}`;
  }
}

/** The messages of a request, in order, with tool calls linked to their results. */
export function parseMessages(raw: JsonValue[]): Message[] {
  const calls = new CallBook();
  return raw.map((message, i) => parseMessage(message, `messages[${i}]`, calls));
}

function parseMessage(raw: JsonValue, param: string, calls: CallBook): Message {
  if (!isObject(raw)) throw invalid(param, 'a message object');
  switch (raw.role) {
    case 'system':
    case 'developer':
      return parseSystem(raw, param);
    case 'user':
      return parseUser(raw, param);
    case 'assistant':
      return parseAssistant(raw, param, calls);
    case 'tool':
      return parseToolResult(raw, param, calls);
    case 'function':
      return parseLegacyFunctionResult(raw, param, calls);
    default:
      throw invalid(`${param}.role`, "'system', 'developer', 'user', 'assistant' or 'tool'");
  }
}

const SYSTEM_FIELDS = new Set(['content']);

function parseSystem(raw: JsonObject, param: string): SystemMessage {
  const content = parseTextContent(raw.content, `${param}.content`);
  // `role` is not in SYSTEM_FIELDS: developer messages keep it in extras, system ones drop it.
  const known = raw.role === 'system' ? new Set([...SYSTEM_FIELDS, 'role']) : SYSTEM_FIELDS;
  return { role: 'system', content, ...extrasOf(raw, known) };
}

const USER_FIELDS = new Set(['role', 'content', 'name']);

function parseUser(raw: JsonObject, param: string): UserMessage {
  const content = raw.content;
  let parts: UserPart[];
  if (typeof content === 'string') parts = [{ type: 'text', text: content }];
  else if (Array.isArray(content)) parts = content.map((part, j) => parseUserPart(part, `${param}.content[${j}]`));
  else throw invalid(`${param}.content`, 'a string or an array of content parts');
  const message: UserMessage = { role: 'user', content: parts, ...extrasOf(raw, USER_FIELDS) };
  const name = field.string(raw, 'name', `${param}.name`);
  if (name !== undefined) message.name = name;
  return message;
}

const ASSISTANT_FIELDS = new Set(['role', 'content', 'tool_calls', 'function_call', 'refusal', 'reasoning_content']);

function parseAssistant(raw: JsonObject, param: string, calls: CallBook): AssistantMessage {
  const content: AssistantPart[] = [];
  const reasoning = field.string(raw, 'reasoning_content', `${param}.reasoning_content`);
  if (reasoning !== undefined) content.push({ type: 'reasoning', text: reasoning, extras: { [PROTOCOL]: { field: 'reasoning_content' } } });
  content.push(...parseAssistantContent(raw.content, `${param}.content`));
  const refusal = field.string(raw, 'refusal', `${param}.refusal`);
  if (refusal !== undefined) content.push({ type: 'text', text: refusal, extras: { [PROTOCOL]: { refusal: true } } });
  const toolCalls = field.array(raw, 'tool_calls', `${param}.tool_calls`) ?? [];
  toolCalls.forEach((call, j) => content.push(parseToolCall(call, `${param}.tool_calls[${j}]`, calls)));
  const legacy = field.object(raw, 'function_call', `${param}.function_call`);
  if (legacy !== undefined) content.push(parseFunctionCall(legacy, calls.legacyId(), `${param}.function_call`, calls));
  return { role: 'assistant', content, ...extrasOf(raw, ASSISTANT_FIELDS) };
}

function parseToolCall(raw: JsonValue, param: string, calls: CallBook): ToolCallPart {
  if (!isObject(raw)) throw invalid(param, 'a tool call object');
  if (raw.type !== undefined && raw.type !== 'function') throw invalid(`${param}.type`, "'function'");
  const id = field.string(raw, 'id', `${param}.id`);
  if (id === undefined) throw invalid(`${param}.id`, 'a string');
  const fn = field.object(raw, 'function', `${param}.function`);
  if (fn === undefined) throw invalid(`${param}.function`, 'an object with name and arguments');
  return parseFunctionCall(fn, id, `${param}.function`, calls);
}

function parseFunctionCall(fn: JsonObject, id: string, param: string, calls: CallBook): ToolCallPart {
  const name = field.string(fn, 'name', `${param}.name`);
  if (name === undefined) throw invalid(`${param}.name`, 'a string');
  const args = field.string(fn, 'arguments', `${param}.arguments`) ?? '';
  calls.record(id, name);
  return { type: 'tool-call', id, name, arguments: args };
}

function parseToolResult(raw: JsonObject, param: string, calls: CallBook): ToolMessage {
  const toolCallId = field.string(raw, 'tool_call_id', `${param}.tool_call_id`);
  if (toolCallId === undefined) throw invalid(`${param}.tool_call_id`, 'the id of an earlier tool call');
  const content = parseTextContent(raw.content, `${param}.content`);
  const toolName = calls.nameOf(toolCallId);
  const message: ToolMessage = {
    role: 'tool',
    content: [{ type: 'tool-result', toolCallId, content, ...(toolName === undefined ? {} : { toolName }) }],
    ...extrasOf(raw, new Set(['role', 'content', 'tool_call_id'])),
  };
  return message;
}

function parseLegacyFunctionResult(raw: JsonObject, param: string, calls: CallBook): ToolMessage {
  const name = field.string(raw, 'name', `${param}.name`);
  if (name === undefined) throw invalid(`${param}.name`, 'the name of the function that was called');
  const content = raw.content === null ? [] : parseTextContent(raw.content, `${param}.content`);
  return { role: 'tool', content: [{ type: 'tool-result', toolCallId: calls.idForLegacyResult(name), toolName: name, content }] };
}
