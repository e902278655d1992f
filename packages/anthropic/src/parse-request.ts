import type { ChatRequest, JsonObject, JsonValue, Message, ResponseFormat } from '@fluxcore/message';
import { parseAssistantContent, parseSystem, parseUserContent } from './content-parse.js';
import { extrasField } from './own-extras.js';
import { storePositioned, UNMODELLED_BLOCKS, UNMODELLED_TOOLS } from './unmodelled.js';
import { asArray, asObject, asString, invalidRequest, leftovers, optionalBoolean, optionalCount, optionalNumber, optionalString } from './read.js';
import { parseThinking } from './thinking.js';
import { parseToolChoice, parseTools } from './tools.js';

/** Top-level fields the IR models; everything else goes to `extras.anthropic` unchanged. */
const MODELLED = [
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
] as const;

/** Parse an Anthropic Messages request body into the IR. Throws `invalid_request` naming the field. */
export function parseRequest(body: unknown): ChatRequest {
  const root = asObject(body, 'body', invalidRequest);
  const extras: JsonObject = leftovers(root, MODELLED) ?? {};
  const request: ChatRequest = {
    messages: [...parseSystemField(root), ...parseMessages(root.messages)],
    stream: optionalBoolean(root, 'stream', 'body', invalidRequest) ?? false,
  };
  assign(request, 'model', optionalString(root, 'model', 'body', invalidRequest));
  assign(request, 'maxTokens', optionalCount(root, 'max_tokens', 'body', invalidRequest));
  assign(request, 'temperature', optionalNumber(root, 'temperature', 'body', invalidRequest));
  assign(request, 'topP', optionalNumber(root, 'top_p', 'body', invalidRequest));
  assign(request, 'topK', optionalCount(root, 'top_k', 'body', invalidRequest));
  if (root.stop_sequences !== undefined && root.stop_sequences !== null) request.stopSequences = parseStopSequences(root.stop_sequences);
  if (root.tools !== undefined && root.tools !== null) {
    const { tools, serverTools } = parseTools(root.tools);
    request.tools = tools;
    if (serverTools.length > 0) extras[UNMODELLED_TOOLS] = storePositioned(serverTools);
  }
  if (root.tool_choice !== undefined && root.tool_choice !== null) Object.assign(request, parseToolChoice(root.tool_choice));
  if (root.metadata !== undefined && root.metadata !== null) parseMetadata(root.metadata, request, extras);
  if (root.thinking !== undefined && root.thinking !== null) {
    const { reasoning, keepRaw } = parseThinking(root.thinking);
    request.reasoning = reasoning;
    if (keepRaw) extras.thinking = root.thinking;
  }
  if (root.output_config !== undefined && root.output_config !== null) parseOutputConfig(root.output_config, request, extras);
  return { ...request, ...extrasField(extras) };
}

function assign<K extends keyof ChatRequest>(request: ChatRequest, key: K, value: ChatRequest[K] | undefined): void {
  if (value !== undefined) request[key] = value;
}

function parseSystemField(root: JsonObject): Message[] {
  if (root.system === undefined || root.system === null) return [];
  return [{ role: 'system', content: parseSystem(root.system, 'system', invalidRequest) }];
}

/**
 * Anthropic turns into IR messages. A user turn's `tool_result` blocks become one IR tool
 * message placed before the rest of that turn. `role: "system"` turns (newer API) stay in place.
 */
function parseMessages(value: JsonValue | undefined): Message[] {
  const messages: Message[] = [];
  asArray(value, 'messages', invalidRequest).forEach((item, i) => {
    const path = `messages[${i}]`;
    const message = asObject(item, path, invalidRequest);
    const extras = leftovers(message, ['role', 'content']);
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

function withBlocks(extras: JsonObject | undefined, unmodelled: ReturnType<typeof parseUserContent>['unmodelled']): JsonObject | undefined {
  if (unmodelled.length === 0) return extras;
  return { ...extras, [UNMODELLED_BLOCKS]: storePositioned(unmodelled) };
}

function parseStopSequences(value: JsonValue): string[] {
  return asArray(value, 'stop_sequences', invalidRequest).map((item, i) => asString(item, `stop_sequences[${i}]`, invalidRequest));
}

/** `metadata.user_id` is the IR end-user id; other metadata fields stay in extras. */
function parseMetadata(value: JsonValue, request: ChatRequest, extras: JsonObject): void {
  const metadata = asObject(value, 'metadata', invalidRequest);
  assign(request, 'user', optionalString(metadata, 'user_id', 'metadata', invalidRequest));
  const rest = leftovers(metadata, ['user_id']);
  if (rest !== undefined) extras.metadata = rest;
}

/** `output_config.format` (json_schema) is the IR response format; `effort` and the rest stay in extras. */
function parseOutputConfig(value: JsonValue, request: ChatRequest, extras: JsonObject): void {
  const config = asObject(value, 'output_config', invalidRequest);
  if (config.format !== undefined && config.format !== null) request.responseFormat = parseFormat(config.format);
  const rest = leftovers(config, ['format']);
  if (rest !== undefined) extras.output_config = rest;
}

function parseFormat(value: JsonValue): ResponseFormat {
  const format = asObject(value, 'output_config.format', invalidRequest);
  if (format.type !== 'json_schema') throw invalidRequest('output_config.format.type', '"json_schema"');
  return { type: 'json', schema: asObject(format.schema, 'output_config.format.schema', invalidRequest) };
}
