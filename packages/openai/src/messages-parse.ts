import {
  FieldReader,
  invalidRequest,
  isObject,
  type AssistantMessage,
  type AssistantPart,
  type JsonValue,
  type Message,
  type SystemMessage,
  type ToolCallPart,
  type ToolMessage,
  type UserMessage,
  type UserPart,
} from '@fluxcore/message';
import { parseAssistantContent, parseTextContent, parseUserPart } from './content-parse.js';
import { extrasField, PROTOCOL } from './extras.js';

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

function parseMessage(raw: JsonValue, path: string, calls: CallBook): Message {
  if (!isObject(raw)) throw invalidRequest(path, 'a message object');
  const message = new FieldReader(raw, path, invalidRequest);
  switch (raw.role) {
    case 'system':
    case 'developer':
      return parseSystem(message);
    case 'user':
      return parseUser(message);
    case 'assistant':
      return parseAssistant(message, calls);
    case 'tool':
      return parseToolResult(message, calls);
    case 'function':
      return parseLegacyFunctionResult(message, calls);
    default:
      throw invalidRequest(message.at('role'), "'system', 'developer', 'user', 'assistant' or 'tool'");
  }
}

const SYSTEM_FIELDS = new Set(['content']);
const SYSTEM_ROLE_FIELDS = new Set([...SYSTEM_FIELDS, 'role']);

function parseSystem(message: FieldReader): SystemMessage {
  const content = parseTextContent(message.object.content, message.at('content'));
  // `role` is not in SYSTEM_FIELDS: developer messages keep it in extras, system ones drop it.
  const known = message.object.role === 'system' ? SYSTEM_ROLE_FIELDS : SYSTEM_FIELDS;
  return { role: 'system', content, ...extrasField(message.rest(known)) };
}

const USER_FIELDS = new Set(['role', 'content', 'name']);

function parseUser(message: FieldReader): UserMessage {
  const content = message.object.content;
  const at = message.at('content');
  let parts: UserPart[];
  if (typeof content === 'string') parts = [{ type: 'text', text: content }];
  else if (Array.isArray(content)) parts = content.map((part, j) => parseUserPart(part, `${at}[${j}]`));
  else throw invalidRequest(at, 'a string or an array of content parts');
  const parsed: UserMessage = { role: 'user', content: parts, ...extrasField(message.rest(USER_FIELDS)) };
  const name = message.string('name');
  if (name !== undefined) parsed.name = name;
  return parsed;
}

const ASSISTANT_FIELDS = new Set(['role', 'content', 'tool_calls', 'function_call', 'refusal', 'reasoning_content']);

function parseAssistant(message: FieldReader, calls: CallBook): AssistantMessage {
  const content: AssistantPart[] = [];
  const reasoning = message.string('reasoning_content');
  if (reasoning !== undefined) content.push({ type: 'reasoning', text: reasoning, extras: { [PROTOCOL]: { field: 'reasoning_content' } } });
  content.push(...parseAssistantContent(message.object.content, message.at('content')));
  const refusal = message.string('refusal');
  if (refusal !== undefined) content.push({ type: 'text', text: refusal, extras: { [PROTOCOL]: { refusal: true } } });
  const toolCalls = message.array('tool_calls') ?? [];
  toolCalls.forEach((call, j) => content.push(parseToolCall(call, `${message.at('tool_calls')}[${j}]`, calls)));
  const legacy = message.reader('function_call');
  if (legacy !== undefined) content.push(parseFunctionCall(legacy, calls.legacyId(), calls));
  return { role: 'assistant', content, ...extrasField(message.rest(ASSISTANT_FIELDS)) };
}

function parseToolCall(raw: JsonValue, path: string, calls: CallBook): ToolCallPart {
  if (!isObject(raw)) throw invalidRequest(path, 'a tool call object');
  const call = new FieldReader(raw, path, invalidRequest);
  if (raw.type !== undefined && raw.type !== 'function') throw invalidRequest(call.at('type'), "'function'");
  const id = call.string('id');
  if (id === undefined) throw invalidRequest(call.at('id'), 'a string');
  const fn = call.reader('function');
  if (fn === undefined) throw invalidRequest(call.at('function'), 'an object with name and arguments');
  return parseFunctionCall(fn, id, calls);
}

function parseFunctionCall(fn: FieldReader, id: string, calls: CallBook): ToolCallPart {
  const name = fn.string('name');
  if (name === undefined) throw invalidRequest(fn.at('name'), 'a string');
  const args = fn.string('arguments') ?? '';
  calls.record(id, name);
  return { type: 'tool-call', id, name, arguments: args };
}

const TOOL_RESULT_FIELDS = new Set(['role', 'content', 'tool_call_id']);

function parseToolResult(message: FieldReader, calls: CallBook): ToolMessage {
  const toolCallId = message.string('tool_call_id');
  if (toolCallId === undefined) throw invalidRequest(message.at('tool_call_id'), 'the id of an earlier tool call');
  const content = parseTextContent(message.object.content, message.at('content'));
  const toolName = calls.nameOf(toolCallId);
  return {
    role: 'tool',
    content: [{ type: 'tool-result', toolCallId, content, ...(toolName === undefined ? {} : { toolName }) }],
    ...extrasField(message.rest(TOOL_RESULT_FIELDS)),
  };
}

function parseLegacyFunctionResult(message: FieldReader, calls: CallBook): ToolMessage {
  const name = message.string('name');
  if (name === undefined) throw invalidRequest(message.at('name'), 'the name of the function that was called');
  const content = message.object.content === null ? [] : parseTextContent(message.object.content, message.at('content'));
  return { role: 'tool', content: [{ type: 'tool-result', toolCallId: calls.idForLegacyResult(name), toolName: name, content }] };
}
