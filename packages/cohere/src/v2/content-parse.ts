import {
  expectObject,
  expectString,
  invalidRequest,
  isObject,
  jsonText,
  optionalArray,
  optionalString,
  unknownFields,
  type AssistantMessage,
  type AssistantPart,
  type ImagePart,
  type JsonObject,
  type JsonValue,
  type Message,
  type SystemMessage,
  type TextPart,
  type ToolCallPart,
  type ToolMessage,
  type UserMessage,
  type UserPart,
} from '@fluxcore/message';
import { parseDataUrl } from '../shared/data-url.js';
import { PROTOCOL, TOOL_PLAN_MARK } from './names.js';

/**
 * A client's `messages` in the IR. A tool message names no tool: its result is named after the
 * call it answers, from the assistant turns before it.
 */
export function parseMessages(messages: JsonValue[]): Message[] {
  const callNames = new Map<string, string>();
  return messages.map((message, i) => parseMessage(message, `messages[${i}]`, callNames));
}

const MESSAGE_FIELDS: Record<string, ReadonlySet<string>> = {
  system: new Set(['role', 'content']),
  user: new Set(['role', 'content']),
  assistant: new Set(['role', 'content', 'tool_calls', 'tool_plan']),
  tool: new Set(['role', 'content', 'tool_call_id']),
};

function parseMessage(raw: unknown, path: string, callNames: Map<string, string>): Message {
  const wire = expectObject(raw, path, invalidRequest);
  const message = parseByRole(wire, path, callNames);
  const extras = unknownFields(wire, MESSAGE_FIELDS[message.role]!);
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
      throw invalidRequest(`${path}.role`, '"system", "user", "assistant" or "tool"');
  }
}

function parseTextContent(content: unknown, path: string): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalidRequest(path, 'a string or an array of text parts');
  return content.map((part, j) => {
    const wire = expectObject(part, `${path}[${j}]`, invalidRequest);
    if (wire.type !== 'text') throw invalidRequest(`${path}[${j}].type`, '"text"');
    return textPart(wire, `${path}[${j}]`);
  });
}

const TEXT_PART_FIELDS: ReadonlySet<string> = new Set(['type', 'text']);

function textPart(wire: JsonObject, path: string): TextPart {
  const part: TextPart = { type: 'text', text: expectString(wire.text, `${path}.text`, invalidRequest) };
  const extras = unknownFields(wire, TEXT_PART_FIELDS);
  if (extras !== undefined) part.extras = { [PROTOCOL]: extras };
  return part;
}

function parseUserContent(content: unknown, path: string): UserPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalidRequest(path, 'a string or an array of content parts');
  return content.map((part, j): UserPart => {
    const wire = expectObject(part, `${path}[${j}]`, invalidRequest);
    if (wire.type === 'text') return textPart(wire, `${path}[${j}]`);
    if (wire.type === 'image_url') return imagePart(wire, `${path}[${j}]`);
    throw invalidRequest(`${path}[${j}].type`, '"text" or "image_url"');
  });
}

const IMAGE_PART_FIELDS: ReadonlySet<string> = new Set(['type', 'image_url']);

function imagePart(wire: JsonObject, path: string): ImagePart {
  const image = expectObject(wire.image_url, `${path}.image_url`, invalidRequest);
  if (typeof image.url !== 'string') throw invalidRequest(`${path}.image_url.url`, 'a string (an https or data: URL)');
  const inline = parseDataUrl(image.url);
  const part: ImagePart = {
    type: 'image',
    source: inline === undefined ? { kind: 'url', url: image.url } : { kind: 'base64', data: inline.data, mediaType: inline.mediaType },
  };
  if (image.detail !== undefined && image.detail !== null) {
    if (image.detail !== 'auto' && image.detail !== 'low' && image.detail !== 'high') {
      throw invalidRequest(`${path}.image_url.detail`, '"auto", "low" or "high"');
    }
    part.detail = image.detail;
  }
  const extras = unknownFields(wire, IMAGE_PART_FIELDS);
  if (extras !== undefined) part.extras = { [PROTOCOL]: extras };
  return part;
}

function parseAssistant(wire: JsonObject, path: string, callNames: Map<string, string>): AssistantMessage {
  const content: AssistantPart[] = [];
  if (typeof wire.content === 'string') content.push({ type: 'text', text: wire.content });
  else if (Array.isArray(wire.content)) content.push(...wire.content.map((part, j) => assistantPart(part, `${path}.content[${j}]`)));
  else if (wire.content !== undefined && wire.content !== null) {
    throw invalidRequest(`${path}.content`, 'a string or an array of text and thinking parts');
  }
  const plan = optionalString(wire.tool_plan, `${path}.tool_plan`, invalidRequest);
  if (plan !== undefined && plan !== '') content.push({ type: 'text', text: plan, extras: { [PROTOCOL]: { [TOOL_PLAN_MARK]: true } } });
  optionalArray(wire.tool_calls, `${path}.tool_calls`, invalidRequest)?.forEach((call, k) => {
    const part = toolCallPart(call, `${path}.tool_calls[${k}]`);
    callNames.set(part.id, part.name);
    content.push(part);
  });
  return { role: 'assistant', content };
}

function assistantPart(raw: unknown, path: string): AssistantPart {
  const wire = expectObject(raw, path, invalidRequest);
  if (wire.type === 'text') return textPart(wire, path);
  if (wire.type === 'thinking') return { type: 'reasoning', text: expectString(wire.thinking, `${path}.thinking`, invalidRequest) };
  throw invalidRequest(`${path}.type`, '"text" or "thinking"');
}

function toolCallPart(raw: unknown, path: string): ToolCallPart {
  const wire = expectObject(raw, path, invalidRequest);
  const id = expectString(wire.id, `${path}.id`, invalidRequest);
  const fn = expectObject(wire.function, `${path}.function`, invalidRequest);
  const name = expectString(fn.name, `${path}.function.name`, invalidRequest);
  const args = fn.arguments;
  if (args !== undefined && args !== null && typeof args !== 'string' && !isObject(args)) {
    throw invalidRequest(`${path}.function.arguments`, 'a JSON string');
  }
  const argumentsText = typeof args === 'string' ? args : isObject(args) ? jsonText(args, `${path}.function.arguments`, invalidRequest) : '';
  return { type: 'tool-call', id, name, arguments: argumentsText };
}

function parseToolMessage(wire: JsonObject, path: string, callNames: Map<string, string>): ToolMessage {
  const toolCallId = expectString(wire.tool_call_id, `${path}.tool_call_id`, invalidRequest);
  const name = callNames.get(toolCallId);
  return {
    role: 'tool',
    content: [
      {
        type: 'tool-result',
        toolCallId,
        ...(name === undefined ? {} : { toolName: name }),
        content: parseToolContent(wire.content, `${path}.content`),
      },
    ],
  };
}

const DOCUMENT_FIELDS: ReadonlySet<string> = new Set(['data']);

/** Tool output: a string, or text and document parts. A document becomes its JSON text, marked so it goes back as a document. */
function parseToolContent(content: unknown, path: string): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalidRequest(path, 'a string or an array of text and document parts');
  return content.map((part, j) => {
    const wire = expectObject(part, `${path}[${j}]`, invalidRequest);
    if (wire.type === 'text') return textPart(wire, `${path}[${j}]`);
    if (wire.type !== 'document') throw invalidRequest(`${path}[${j}].type`, '"text" or "document"');
    const document = expectObject(wire.document, `${path}[${j}].document`, invalidRequest);
    const data = expectObject(document.data, `${path}[${j}].document.data`, invalidRequest);
    const marker = unknownFields(document, DOCUMENT_FIELDS) ?? {};
    const text = jsonText(data, `${path}[${j}].document.data`, invalidRequest);
    return { type: 'text', text, extras: { [PROTOCOL]: { document: marker } } };
  });
}
