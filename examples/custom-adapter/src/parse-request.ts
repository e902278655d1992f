import type {
  AssistantPart,
  ChatRequest,
  ImagePart,
  JsonObject,
  Message,
  ParseRequestOptions,
  ReasoningConfig,
  ResponseFormat,
  ToolDefinition,
  UserPart,
} from '@fluxcore/message';
import { invalidRequest, isObject, PROTOCOL } from './wire.js';

/** Top-level fields the IR models; anything else is kept in `extras.ollama` (keep_alive, ...). */
const MODELLED_FIELDS = new Set(['model', 'messages', 'tools', 'format', 'options', 'stream', 'think']);

/** `options` the IR models, and the ChatRequest field each becomes. */
const MODELLED_OPTIONS = {
  temperature: 'temperature',
  top_p: 'topP',
  top_k: 'topK',
  num_predict: 'maxTokens',
  seed: 'seed',
  frequency_penalty: 'frequencyPenalty',
  presence_penalty: 'presencePenalty',
} as const;

/**
 * Read an Ollama `/api/chat` body into the IR. Ollama streams unless told `"stream": false`.
 * Tool calls carry no ids in Ollama: each gets a stable one from its position, and a tool result
 * (`tool_name`) answers the earliest unanswered call of that name.
 */
export function parseOllamaRequest(body: unknown, options: ParseRequestOptions = {}): ChatRequest {
  if (!isObject(body)) throw invalidRequest('body', 'expected a JSON object');
  const model = options.model ?? body.model;
  if (typeof model !== 'string' || model === '') throw invalidRequest('model', 'expected a model name');
  if (!Array.isArray(body.messages)) throw invalidRequest('messages', 'expected an array of messages');

  const request: ChatRequest = { model, messages: readMessages(body.messages), stream: options.stream ?? body.stream !== false };
  if (body.tools !== undefined) request.tools = readTools(body.tools);
  if (body.format !== undefined) request.responseFormat = readFormat(body.format);
  if (body.think !== undefined) request.reasoning = readThink(body.think);
  const leftoverOptions = body.options === undefined ? undefined : readOptions(body.options, request);
  const extras = leftovers(body, leftoverOptions);
  if (extras !== undefined) request.extras = { [PROTOCOL]: extras };
  return request;
}

function readMessages(wire: unknown[]): Message[] {
  const unanswered: Array<{ id: string; name: string }> = [];
  return wire.map((raw, index): Message => {
    const at = `messages[${index}]`;
    if (!isObject(raw)) throw invalidRequest(at, 'expected an object');
    const content = raw.content ?? '';
    if (typeof content !== 'string') throw invalidRequest(`${at}.content`, 'expected a string');
    switch (raw.role) {
      case 'system':
        return { role: 'system', content: [{ type: 'text', text: content }] };
      case 'user':
        return { role: 'user', content: userParts(content, raw.images, at) };
      case 'assistant': {
        const parts = assistantParts(raw, content, index, at);
        for (const part of parts) if (part.type === 'tool-call') unanswered.push({ id: part.id, name: part.name });
        return { role: 'assistant', content: parts };
      }
      case 'tool':
        return toolResult(raw, content, unanswered, index, at);
      default:
        throw invalidRequest(`${at}.role`, "expected 'system', 'user', 'assistant' or 'tool'");
    }
  });
}

function userParts(text: string, images: unknown, at: string): UserPart[] {
  const parts: UserPart[] = text === '' ? [] : [{ type: 'text', text }];
  if (images === undefined || images === null) return parts;
  if (!Array.isArray(images)) throw invalidRequest(`${at}.images`, 'expected an array of base64 strings');
  images.forEach((data, i) => {
    if (typeof data !== 'string' || data === '') throw invalidRequest(`${at}.images[${i}]`, 'expected a base64 string');
    parts.push(imagePart(data));
  });
  return parts;
}

/** Ollama sends bare base64; the IR (and every other provider) wants a media type: sniff it. */
function imagePart(data: string): ImagePart {
  const mediaType = data.startsWith('/9j/') ? 'image/jpeg' : data.startsWith('R0lGOD') ? 'image/gif' : data.startsWith('UklGR') ? 'image/webp' : 'image/png';
  return { type: 'image', source: { kind: 'base64', data, mediaType } };
}

function assistantParts(raw: JsonObject, content: string, index: number, at: string): AssistantPart[] {
  const parts: AssistantPart[] = [];
  if (typeof raw.thinking === 'string' && raw.thinking !== '') parts.push({ type: 'reasoning', text: raw.thinking });
  if (content !== '') parts.push({ type: 'text', text: content });
  if (raw.tool_calls === undefined || raw.tool_calls === null) return parts;
  if (!Array.isArray(raw.tool_calls)) throw invalidRequest(`${at}.tool_calls`, 'expected an array');
  raw.tool_calls.forEach((call, j) => {
    const fn = isObject(call) ? call.function : undefined;
    if (!isObject(fn) || typeof fn.name !== 'string') throw invalidRequest(`${at}.tool_calls[${j}].function.name`, 'expected a string');
    const args = fn.arguments ?? {};
    parts.push({ type: 'tool-call', id: `ollama_call_${index}_${j}`, name: fn.name, arguments: typeof args === 'string' ? args : JSON.stringify(args) });
  });
  return parts;
}

function toolResult(raw: JsonObject, content: string, unanswered: Array<{ id: string; name: string }>, index: number, at: string): Message {
  const name = raw.tool_name ?? raw.name;
  if (name !== undefined && typeof name !== 'string') throw invalidRequest(`${at}.tool_name`, 'expected a string');
  const match = unanswered.findIndex((call) => name === undefined || call.name === name);
  const call = match === -1 ? undefined : unanswered.splice(match, 1)[0];
  const toolName = name ?? call?.name;
  return {
    role: 'tool',
    content: [
      {
        type: 'tool-result',
        toolCallId: call?.id ?? `ollama_result_${index}`,
        ...(toolName === undefined ? {} : { toolName }),
        content: [{ type: 'text', text: content }],
      },
    ],
  };
}

function readTools(wire: unknown): ToolDefinition[] {
  if (!Array.isArray(wire)) throw invalidRequest('tools', 'expected an array of tools');
  return wire.map((tool, i) => {
    const fn = isObject(tool) ? tool.function : undefined;
    if (!isObject(fn) || typeof fn.name !== 'string') throw invalidRequest(`tools[${i}].function.name`, 'expected a string');
    const definition: ToolDefinition = { name: fn.name, parameters: isObject(fn.parameters) ? fn.parameters : { type: 'object' } };
    if (typeof fn.description === 'string') definition.description = fn.description;
    return definition;
  });
}

function readFormat(format: unknown): ResponseFormat {
  if (format === 'json') return { type: 'json' };
  if (isObject(format)) return { type: 'json', schema: format };
  throw invalidRequest('format', "expected 'json' or a JSON schema object");
}

function readThink(think: unknown): ReasoningConfig {
  if (typeof think === 'boolean') return { enabled: think };
  if (think === 'low' || think === 'medium' || think === 'high') return { enabled: true, effort: think };
  throw invalidRequest('think', "expected true, false, 'low', 'medium' or 'high'");
}

/** Copy the modelled options onto the request; returns the others (num_ctx, mirostat, ...). */
function readOptions(options: unknown, request: ChatRequest): JsonObject | undefined {
  if (!isObject(options)) throw invalidRequest('options', 'expected an object');
  let rest: JsonObject | undefined;
  for (const [key, value] of Object.entries(options)) {
    if (key === 'stop') {
      if (!Array.isArray(value) || !value.every((s) => typeof s === 'string')) throw invalidRequest('options.stop', 'expected an array of strings');
      request.stopSequences = value as string[];
    } else if (key in MODELLED_OPTIONS) {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidRequest(`options.${key}`, 'expected a number');
      request[MODELLED_OPTIONS[key as keyof typeof MODELLED_OPTIONS]] = value;
    } else {
      rest = { ...rest, [key]: value };
    }
  }
  return rest;
}

function leftovers(body: JsonObject, options: JsonObject | undefined): JsonObject | undefined {
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(body)) if (!MODELLED_FIELDS.has(key)) rest[key] = value;
  if (options !== undefined) rest.options = options;
  return Object.keys(rest).length === 0 ? undefined : rest;
}
