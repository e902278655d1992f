import {
  expectObject,
  expectString,
  FieldReader,
  invalidRequest,
  isObject,
  readNumericSettings,
  setDefined,
  type AssistantPart,
  type ChatRequest,
  type ImagePart,
  type JsonObject,
  type JsonValue,
  type Message,
  type ParseRequestOptions,
  type ReasoningConfig,
  type ResponseFormat,
  type ToolDefinition,
  type UserPart,
} from '@fluxcore/message';
import { requestCallId, orphanResultId } from './ids.js';
import { PROTOCOL } from './names.js';
import { MODELLED_OPTIONS, OPTION_SETTINGS } from './sampling.js';
import { argumentsText, functionOf } from './tools.js';

/** Top-level fields the IR models; anything else is kept in `extras.ollama` (keep_alive, ...). */
const MODELLED_FIELDS: ReadonlySet<string> = new Set(['model', 'messages', 'tools', 'format', 'options', 'stream', 'think']);

/** A call of the history that no tool result has answered yet. */
type Unanswered = { id: string; name: string };

/**
 * Read an Ollama `/api/chat` body into the IR. Ollama streams unless told `"stream": false`.
 * Tool calls carry no ids in Ollama: each gets a stable one from its position, and a tool result
 * (`tool_name`) answers the earliest unanswered call of that name.
 */
export function parseOllamaRequest(body: unknown, options: ParseRequestOptions = {}): ChatRequest {
  const fields = new FieldReader(expectObject(body, 'body', invalidRequest), '', invalidRequest);
  const model = options.model ?? fields.string('model');
  if (model === undefined || model === '') throw invalidRequest('model', 'a model name');
  const messages = fields.array('messages');
  if (messages === undefined) throw invalidRequest('messages', 'an array of messages');
  const request: ChatRequest = { model, messages: readMessages(messages), stream: options.stream ?? fields.raw('stream') !== false };
  setDefined(request, 'tools', fields.array('tools')?.map(readTool));
  setDefined(request, 'responseFormat', readFormat(fields.raw('format')));
  setDefined(request, 'reasoning', readThink(fields.raw('think')));
  const extras: JsonObject = { ...fields.rest(MODELLED_FIELDS) };
  const ollamaOptions = fields.reader('options');
  if (ollamaOptions !== undefined) {
    readNumericSettings(ollamaOptions, OPTION_SETTINGS, request);
    setDefined(request, 'stopSequences', ollamaOptions.stringArray('stop'));
    setDefined(extras, 'options', ollamaOptions.rest(MODELLED_OPTIONS));
  }
  if (Object.keys(extras).length > 0) request.extras = { [PROTOCOL]: extras };
  return request;
}

function readMessages(wire: JsonValue[]): Message[] {
  const unanswered: Unanswered[] = [];
  return wire.map((raw, index): Message => {
    const path = `messages[${index}]`;
    const message = new FieldReader(expectObject(raw, path, invalidRequest), path, invalidRequest);
    const content = message.string('content') ?? '';
    switch (message.object.role) {
      case 'system':
        return { role: 'system', content: [{ type: 'text', text: content }] };
      case 'user':
        return { role: 'user', content: userParts(content, message) };
      case 'assistant': {
        const parts = assistantParts(message, content, index);
        for (const part of parts) if (part.type === 'tool-call') unanswered.push({ id: part.id, name: part.name });
        return { role: 'assistant', content: parts };
      }
      case 'tool':
        return toolResult(message, content, unanswered, index);
      default:
        throw invalidRequest(message.at('role'), "'system', 'user', 'assistant' or 'tool'");
    }
  });
}

function userParts(text: string, message: FieldReader): UserPart[] {
  const parts: UserPart[] = text === '' ? [] : [{ type: 'text', text }];
  message.array('images')?.forEach((data, i) => {
    const path = `${message.at('images')}[${i}]`;
    const image = expectString(data, path, invalidRequest);
    if (image === '') throw invalidRequest(path, 'a base64 string');
    parts.push(imagePart(image));
  });
  return parts;
}

/** Ollama sends bare base64; the IR (and every other provider) wants a media type: sniff it. */
function imagePart(data: string): ImagePart {
  const mediaType = data.startsWith('/9j/') ? 'image/jpeg' : data.startsWith('R0lGOD') ? 'image/gif' : data.startsWith('UklGR') ? 'image/webp' : 'image/png';
  return { type: 'image', source: { kind: 'base64', data, mediaType } };
}

function assistantParts(message: FieldReader, content: string, index: number): AssistantPart[] {
  const parts: AssistantPart[] = [];
  const thinking = message.string('thinking');
  if (thinking !== undefined && thinking !== '') parts.push({ type: 'reasoning', text: thinking });
  if (content !== '') parts.push({ type: 'text', text: content });
  message.array('tool_calls')?.forEach((call, j) => {
    const { name, fields } = functionOf(call, `${message.at('tool_calls')}[${j}]`, invalidRequest);
    parts.push({ type: 'tool-call', id: requestCallId(index, j), name, arguments: argumentsText(fields) });
  });
  return parts;
}

function toolResult(message: FieldReader, content: string, unanswered: Unanswered[], index: number): Message {
  const name = message.string('tool_name') ?? message.string('name');
  const match = unanswered.findIndex((call) => name === undefined || call.name === name);
  const call = match === -1 ? undefined : unanswered.splice(match, 1)[0];
  const toolName = name ?? call?.name;
  return {
    role: 'tool',
    content: [
      {
        type: 'tool-result',
        toolCallId: call?.id ?? orphanResultId(index),
        ...(toolName === undefined ? {} : { toolName }),
        content: [{ type: 'text', text: content }],
      },
    ],
  };
}

function readTool(tool: JsonValue, i: number): ToolDefinition {
  const { name, fields } = functionOf(tool, `tools[${i}]`, invalidRequest);
  const definition: ToolDefinition = { name, parameters: fields.record('parameters') ?? { type: 'object' } };
  setDefined(definition, 'description', fields.string('description'));
  return definition;
}

function readFormat(format: JsonValue | undefined): ResponseFormat | undefined {
  if (format === undefined) return undefined;
  if (format === 'json') return { type: 'json' };
  if (isObject(format)) return { type: 'json', schema: format };
  throw invalidRequest('format', "'json' or a JSON schema object");
}

function readThink(think: JsonValue | undefined): ReasoningConfig | undefined {
  if (think === undefined) return undefined;
  if (typeof think === 'boolean') return { enabled: think };
  if (think === 'low' || think === 'medium' || think === 'high') return { enabled: true, effort: think };
  throw invalidRequest('think', "true, false, 'low', 'medium' or 'high'");
}
