import {
  expectArray,
  expectObject,
  FieldReader,
  invalidRequest,
  optionalString,
  optionalStringArray,
  setDefined,
  unknownFields,
  type ChatRequest,
  type JsonObject,
  type JsonValue,
  type Message,
  type ResponseFormat,
} from '@fluxcore/message';
import { parseAssistantContent, parseSystem, parseUserContent } from './content-parse.js';
import { extrasField } from './own-extras.js';
import { parseThinking } from './thinking.js';
import { parseToolChoice, parseTools } from './tools.js';
import { storePositioned, UNMODELLED_BLOCKS, UNMODELLED_TOOLS, type Positioned } from './unmodelled.js';

/** Top-level fields the IR models; everything else goes to `extras.anthropic` unchanged. */
const MODELLED: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'system',
  'max_tokens',
  'stop_sequences',
  'stream',
  'temperature',
  'top_p',
  'top_k',
  'tools',
  'tool_choice',
  'metadata',
  'thinking',
  'output_config',
]);

/** The fields of a turn, of `metadata` and of `output_config` the IR models; the rest stays in extras. */
const TURN_FIELDS: ReadonlySet<string> = new Set(['role', 'content']);
const METADATA_FIELDS: ReadonlySet<string> = new Set(['user_id']);
const OUTPUT_CONFIG_FIELDS: ReadonlySet<string> = new Set(['format']);

/** Parse an Anthropic Messages request body into the IR. Throws `invalid_request` naming the field. */
export function parseRequest(body: unknown): ChatRequest {
  const root = expectObject(body, 'body', invalidRequest);
  const fields = new FieldReader(root, 'body', invalidRequest);
  const extras: JsonObject = fields.rest(MODELLED) ?? {};
  const request: ChatRequest = {
    messages: [...parseSystemField(fields.raw('system')), ...parseMessages(root.messages)],
    stream: fields.boolean('stream') ?? false,
  };
  setDefined(request, 'model', fields.string('model'));
  setDefined(request, 'maxTokens', fields.count('max_tokens'));
  setDefined(request, 'temperature', fields.number('temperature'));
  setDefined(request, 'topP', fields.number('top_p'));
  setDefined(request, 'topK', fields.count('top_k'));
  setDefined(request, 'stopSequences', optionalStringArray(root.stop_sequences, 'stop_sequences', invalidRequest));
  const tools = fields.raw('tools');
  if (tools !== undefined) {
    const { tools: parsed, serverTools } = parseTools(tools);
    request.tools = parsed;
    if (serverTools.length > 0) extras[UNMODELLED_TOOLS] = storePositioned(serverTools);
  }
  const toolChoice = fields.raw('tool_choice');
  if (toolChoice !== undefined) Object.assign(request, parseToolChoice(toolChoice));
  const metadata = fields.raw('metadata');
  if (metadata !== undefined) parseMetadata(metadata, request, extras);
  const thinking = fields.raw('thinking');
  if (thinking !== undefined) {
    const { reasoning, keepRaw } = parseThinking(thinking);
    request.reasoning = reasoning;
    if (keepRaw) extras.thinking = thinking;
  }
  const outputConfig = fields.raw('output_config');
  if (outputConfig !== undefined) parseOutputConfig(outputConfig, request, extras);
  return { ...request, ...extrasField(extras) };
}

function parseSystemField(system: JsonValue | undefined): Message[] {
  return system === undefined ? [] : [{ role: 'system', content: parseSystem(system, 'system', invalidRequest) }];
}

/**
 * Anthropic turns into IR messages. A user turn's `tool_result` blocks become one IR tool
 * message placed before the rest of that turn. `role: "system"` turns (newer API) stay in place.
 */
function parseMessages(value: JsonValue | undefined): Message[] {
  const messages: Message[] = [];
  expectArray(value, 'messages', invalidRequest).forEach((item, i) => {
    const path = `messages[${i}]`;
    const message = expectObject(item, path, invalidRequest);
    const extras = unknownFields(message, TURN_FIELDS);
    const contentPath = `${path}.content`;
    switch (message.role) {
      case 'user': {
        const { parts, unmodelled, toolResults } = parseUserContent(message.content, contentPath, invalidRequest);
        if (toolResults.length > 0) messages.push({ role: 'tool', content: toolResults });
        if (parts.length > 0 || unmodelled.length > 0 || toolResults.length === 0) {
          messages.push({ role: 'user', content: parts, ...extrasField(withBlocks(extras, unmodelled)) });
        }
        break;
      }
      case 'assistant': {
        const { parts, unmodelled } = parseAssistantContent(message.content, contentPath, invalidRequest);
        messages.push({ role: 'assistant', content: parts, ...extrasField(withBlocks(extras, unmodelled)) });
        break;
      }
      case 'system':
        messages.push({ role: 'system', content: parseSystem(message.content ?? null, contentPath, invalidRequest), ...extrasField(extras) });
        break;
      default:
        throw invalidRequest(`${path}.role`, '"user" or "assistant"');
    }
  });
  return messages;
}

function withBlocks(extras: JsonObject | undefined, unmodelled: Positioned[]): JsonObject | undefined {
  if (unmodelled.length === 0) return extras;
  return { ...extras, [UNMODELLED_BLOCKS]: storePositioned(unmodelled) };
}

/** `metadata.user_id` is the IR end-user id; other metadata fields stay in extras. */
function parseMetadata(value: JsonValue, request: ChatRequest, extras: JsonObject): void {
  const metadata = expectObject(value, 'metadata', invalidRequest);
  setDefined(request, 'user', optionalString(metadata.user_id, 'metadata.user_id', invalidRequest));
  const rest = unknownFields(metadata, METADATA_FIELDS);
  if (rest !== undefined) extras.metadata = rest;
}

/** `output_config.format` (json_schema) is the IR response format; `effort` and the rest stay in extras. */
function parseOutputConfig(value: JsonValue, request: ChatRequest, extras: JsonObject): void {
  const config = expectObject(value, 'output_config', invalidRequest);
  if (config.format !== undefined && config.format !== null) request.responseFormat = parseFormat(config.format);
  const rest = unknownFields(config, OUTPUT_CONFIG_FIELDS);
  if (rest !== undefined) extras.output_config = rest;
}

function parseFormat(value: JsonValue): ResponseFormat {
  const format = expectObject(value, 'output_config.format', invalidRequest);
  if (format.type !== 'json_schema') throw invalidRequest('output_config.format.type', '"json_schema"');
  return { type: 'json', schema: expectObject(format.schema, 'output_config.format.schema', invalidRequest) };
}
