import type {
  AssistantMessage,
  AssistantPart,
  ChatRequest,
  JsonObject,
  JsonValue,
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
import { audioMediaType, sourceFromUrl } from './media.js';
import { PROTOCOL } from './protocol.js';
import { field, invalid, isObject, unknownFields } from './read.js';

/** Top-level fields the IR models; everything else goes to `extras.openai`. */
const MODELLED = new Set([
  'model', 'messages', 'stream', 'stream_options', 'tools', 'functions', 'tool_choice', 'function_call',
  'parallel_tool_calls', 'max_completion_tokens', 'temperature', 'top_p', 'stop', 'seed',
  'frequency_penalty', 'presence_penalty', 'response_format', 'reasoning_effort', 'user',
]);
const EFFORTS = new Set(['minimal', 'low', 'medium', 'high']);
/** Efforts newer than the IR's scale: kept raw in extras, modelled as the nearest IR effort. */
const EXTRA_HIGH_EFFORTS = new Set(['xhigh', 'max']);

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

/** Parse an OpenAI Chat Completions request body into the IR. */
export function parseRequest(body: unknown): ChatRequest {
  if (!isObject(body)) throw invalid('body', 'a JSON object');
  const rawMessages = field.array(body, 'messages');
  if (rawMessages === undefined) throw invalid('messages', 'an array of messages');
  const calls = new CallBook();
  const messages = rawMessages.map((raw, i) => parseMessage(raw, `messages[${i}]`, calls));
  const extras: JsonObject = unknownFields(body, MODELLED) ?? {};

  const request: ChatRequest = { messages, stream: field.boolean(body, 'stream') ?? false };
  const model = field.string(body, 'model');
  if (model !== undefined) request.model = model;
  readStreamOptions(body, request, extras);
  readTools(body, request, extras);
  readSampling(body, request);
  readMaxTokens(body, request);
  const responseFormat = readResponseFormat(body);
  if (responseFormat !== undefined) request.responseFormat = responseFormat;
  const reasoning = readReasoning(body, extras);
  if (reasoning !== undefined) request.reasoning = reasoning;
  const user = field.string(body, 'user');
  if (user !== undefined) request.user = user;
  if (Object.keys(extras).length > 0) request.extras = { [PROTOCOL]: extras };
  return request;
}

function readStreamOptions(body: JsonObject, request: ChatRequest, extras: JsonObject): void {
  const options = field.object(body, 'stream_options');
  if (options === undefined) return;
  const includeUsage = field.boolean(options, 'include_usage', 'stream_options.include_usage');
  if (includeUsage !== undefined) request.streamUsage = includeUsage;
  const rest = unknownFields(options, new Set(['include_usage']));
  if (rest !== undefined) extras.stream_options = rest;
}

function readSampling(body: JsonObject, request: ChatRequest): void {
  const temperature = field.number(body, 'temperature');
  if (temperature !== undefined) request.temperature = temperature;
  const topP = field.number(body, 'top_p');
  if (topP !== undefined) request.topP = topP;
  const frequencyPenalty = field.number(body, 'frequency_penalty');
  if (frequencyPenalty !== undefined) request.frequencyPenalty = frequencyPenalty;
  const presencePenalty = field.number(body, 'presence_penalty');
  if (presencePenalty !== undefined) request.presencePenalty = presencePenalty;
  const seed = field.number(body, 'seed');
  if (seed !== undefined) {
    if (!Number.isInteger(seed)) throw invalid('seed', 'an integer');
    request.seed = seed;
  }
  const stop = body.stop;
  if (typeof stop === 'string') request.stopSequences = [stop];
  else if (Array.isArray(stop)) {
    request.stopSequences = stop.map((s, i) => {
      if (typeof s !== 'string') throw invalid(`stop[${i}]`, 'a string');
      return s;
    });
  } else if (stop !== undefined && stop !== null) throw invalid('stop', 'a string or an array of strings');
}

/**
 * `max_completion_tokens` is the current field, `max_tokens` the legacy one (it wins only when
 * alone). `max_tokens` is not in MODELLED, so it also stays in extras and a same-protocol trip
 * writes back the field the client used.
 */
function readMaxTokens(body: JsonObject, request: ChatRequest): void {
  const current = field.integer(body, 'max_completion_tokens');
  const legacy = field.integer(body, 'max_tokens');
  const maxTokens = current ?? legacy;
  if (maxTokens !== undefined) request.maxTokens = maxTokens;
}

function readResponseFormat(body: JsonObject): ResponseFormat | undefined {
  const format = field.object(body, 'response_format');
  if (format === undefined) return undefined;
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema': {
      const spec = field.object(format, 'json_schema', 'response_format.json_schema');
      if (spec === undefined) throw invalid('response_format.json_schema', 'an object with name and schema');
      const result: ResponseFormat = { type: 'json' };
      const name = field.string(spec, 'name', 'response_format.json_schema.name');
      if (name !== undefined) result.name = name;
      const description = field.string(spec, 'description', 'response_format.json_schema.description');
      if (description !== undefined) result.description = description;
      const schema = field.object(spec, 'schema', 'response_format.json_schema.schema');
      if (schema !== undefined) result.schema = schema;
      const strict = field.boolean(spec, 'strict', 'response_format.json_schema.strict');
      if (strict !== undefined) result.strict = strict;
      return result;
    }
    default:
      throw invalid('response_format.type', "'text', 'json_object' or 'json_schema'");
  }
}

/** `reasoning_effort`: `none` turns reasoning off; values beyond `high` are kept raw in extras. */
function readReasoning(body: JsonObject, extras: JsonObject): ReasoningConfig | undefined {
  const effort = field.string(body, 'reasoning_effort');
  if (effort === undefined) return undefined;
  if (EFFORTS.has(effort)) return { effort: effort as NonNullable<ReasoningConfig['effort']> };
  extras.reasoning_effort = effort;
  if (effort === 'none') return { enabled: false };
  if (EXTRA_HIGH_EFFORTS.has(effort)) return { effort: 'high' };
  return undefined;
}

// --- tools -------------------------------------------------------------------------------

function readTools(body: JsonObject, request: ChatRequest, extras: JsonObject): void {
  const tools = field.array(body, 'tools');
  const functions = field.array(body, 'functions');
  const definitions = [
    ...(tools ?? []).map((tool, i) => parseTool(tool, `tools[${i}]`)),
    ...(functions ?? []).map((fn, i) => parseFunction(fn, `functions[${i}]`)),
  ];
  if (tools !== undefined || functions !== undefined) request.tools = definitions;
  const choice = parseToolChoice(body, extras);
  if (choice !== undefined) request.toolChoice = choice;
  const parallel = field.boolean(body, 'parallel_tool_calls');
  if (parallel !== undefined) request.parallelToolCalls = parallel;
}

function parseTool(raw: JsonValue, param: string): ToolDefinition {
  if (!isObject(raw)) throw invalid(param, 'a tool object');
  if (raw.type !== 'function') throw invalid(`${param}.type`, "'function' (custom tools are not supported)");
  const fn = field.object(raw, 'function', `${param}.function`);
  if (fn === undefined) throw invalid(`${param}.function`, 'an object with a name');
  return parseFunction(fn, `${param}.function`);
}

const FUNCTION_FIELDS = new Set(['name', 'description', 'parameters', 'strict']);

function parseFunction(raw: JsonValue, param: string): ToolDefinition {
  if (!isObject(raw)) throw invalid(param, 'a function object');
  const name = field.string(raw, 'name', `${param}.name`);
  if (name === undefined || name === '') throw invalid(`${param}.name`, 'a non-empty string');
  const tool: ToolDefinition = { name, parameters: field.object(raw, 'parameters', `${param}.parameters`) ?? { type: 'object' } };
  const description = field.string(raw, 'description', `${param}.description`);
  if (description !== undefined) tool.description = description;
  const strict = field.boolean(raw, 'strict', `${param}.strict`);
  if (strict !== undefined) tool.strict = strict;
  const rest = unknownFields(raw, FUNCTION_FIELDS);
  if (rest !== undefined) tool.extras = { [PROTOCOL]: rest };
  return tool;
}

/** `tool_choice` (or legacy `function_call`). `allowed_tools` and custom choices stay in extras. */
function parseToolChoice(body: JsonObject, extras: JsonObject): ToolChoice | undefined {
  const key = body.tool_choice !== undefined && body.tool_choice !== null ? 'tool_choice' : 'function_call';
  const raw = body[key];
  if (raw === undefined || raw === null) return undefined;
  if (raw === 'auto' || raw === 'none' || raw === 'required') return { type: raw };
  if (isObject(raw)) {
    if (key === 'function_call' && typeof raw.name === 'string') return { type: 'tool', name: raw.name };
    const fn = raw.type === 'function' ? field.object(raw, 'function', `${key}.function`) : undefined;
    const name = fn === undefined ? undefined : field.string(fn, 'name', `${key}.function.name`);
    if (name !== undefined) return { type: 'tool', name };
    if (key === 'tool_choice' && (raw.type === 'allowed_tools' || raw.type === 'custom')) {
      extras.tool_choice = raw;
      return undefined;
    }
  }
  throw invalid(key, "'auto', 'none', 'required' or {type:'function',function:{name}}");
}

// --- messages ----------------------------------------------------------------------------

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

/** Per-message unmodelled fields, plus `role: developer` so a same-protocol trip keeps the role. */
function messageExtras(raw: JsonObject, known: ReadonlySet<string>): { extras?: Record<string, JsonObject> } {
  const rest = unknownFields(raw, known);
  return rest === undefined ? {} : { extras: { [PROTOCOL]: rest } };
}

const SYSTEM_FIELDS = new Set(['content']);

function parseSystem(raw: JsonObject, param: string): SystemMessage {
  const content = parseTextContent(raw.content, `${param}.content`);
  // `role` is not in SYSTEM_FIELDS: developer messages keep it in extras, system ones drop it.
  const known = raw.role === 'system' ? new Set([...SYSTEM_FIELDS, 'role']) : SYSTEM_FIELDS;
  return { role: 'system', content, ...messageExtras(raw, known) };
}

const USER_FIELDS = new Set(['role', 'content', 'name']);

function parseUser(raw: JsonObject, param: string): UserMessage {
  const content = raw.content;
  let parts: UserPart[];
  if (typeof content === 'string') parts = [{ type: 'text', text: content }];
  else if (Array.isArray(content)) parts = content.map((part, j) => parseUserPart(part, `${param}.content[${j}]`));
  else throw invalid(`${param}.content`, 'a string or an array of content parts');
  const message: UserMessage = { role: 'user', content: parts, ...messageExtras(raw, USER_FIELDS) };
  const name = field.string(raw, 'name', `${param}.name`);
  if (name !== undefined) message.name = name;
  return message;
}

function parseUserPart(raw: JsonValue, param: string): UserPart {
  if (!isObject(raw)) throw invalid(param, 'a content part object');
  switch (raw.type) {
    case 'text':
      return parseTextPart(raw, param);
    case 'image_url': {
      const image = raw.image_url;
      const spec = typeof image === 'string' ? { url: image } : isObject(image) ? image : undefined;
      const url = spec === undefined ? undefined : field.string(spec, 'url', `${param}.image_url.url`);
      if (spec === undefined || url === undefined) throw invalid(`${param}.image_url.url`, 'an http(s) or data URL');
      const part: UserPart = { type: 'image', source: sourceFromUrl(url) };
      const detail = spec.detail;
      if (detail === 'auto' || detail === 'low' || detail === 'high') part.detail = detail;
      else if (detail !== undefined && detail !== null) throw invalid(`${param}.image_url.detail`, "'auto', 'low' or 'high'");
      return withPartExtras(part, raw, 'image_url');
    }
    case 'input_audio': {
      const audio = field.object(raw, 'input_audio', `${param}.input_audio`);
      const data = audio === undefined ? undefined : field.string(audio, 'data', `${param}.input_audio.data`);
      const format = audio === undefined ? undefined : field.string(audio, 'format', `${param}.input_audio.format`);
      if (data === undefined || format === undefined) throw invalid(`${param}.input_audio`, 'an object with base64 data and a format');
      return withPartExtras({ type: 'file', source: { kind: 'base64', data, mediaType: audioMediaType(format) } }, raw, 'input_audio');
    }
    case 'file':
      return parseFilePart(raw, param);
    default:
      throw invalid(`${param}.type`, "'text', 'image_url', 'input_audio' or 'file'");
  }
}

/**
 * `file` parts carry inline data (`file_data`, a data URL) or an uploaded file's id. An id only
 * means something to OpenAI: it becomes a URL source holding the id, with `file_id` in extras.
 */
function parseFilePart(raw: JsonObject, param: string): UserPart {
  const file = field.object(raw, 'file', `${param}.file`);
  if (file === undefined) throw invalid(`${param}.file`, 'an object with file_data or file_id');
  const data = field.string(file, 'file_data', `${param}.file.file_data`);
  const fileId = field.string(file, 'file_id', `${param}.file.file_id`);
  const filename = field.string(file, 'filename', `${param}.file.filename`);
  let part: UserPart;
  if (data !== undefined) {
    const source = sourceFromUrl(data);
    if (source.kind !== 'base64') throw invalid(`${param}.file.file_data`, 'a base64 data URL (data:<mime>;base64,...)');
    part = { type: 'file', source };
  } else if (fileId !== undefined) {
    part = { type: 'file', source: { kind: 'url', url: fileId }, extras: { [PROTOCOL]: { file_id: fileId } } };
  } else throw invalid(`${param}.file`, 'file_data or file_id');
  if (filename !== undefined) part.filename = filename;
  return withPartExtras(part, raw, 'file');
}

function withPartExtras<T extends UserPart | TextPart>(part: T, raw: JsonObject, payloadKey: string): T {
  const rest = unknownFields(raw, new Set(['type', payloadKey]));
  if (rest !== undefined) part.extras = { [PROTOCOL]: { ...part.extras?.[PROTOCOL], ...rest } };
  return part;
}

function parseTextPart(raw: JsonObject, param: string): TextPart {
  const text = field.string(raw, 'text', `${param}.text`);
  if (text === undefined) throw invalid(`${param}.text`, 'a string');
  return withPartExtras({ type: 'text', text }, raw, 'text');
}

/** System, tool and assistant content: a string, or an array of text parts. */
function parseTextContent(content: JsonValue | undefined, param: string): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalid(param, 'a string or an array of text parts');
  return content.map((part, j) => {
    if (!isObject(part) || part.type !== 'text') throw invalid(`${param}[${j}]`, 'a text part {type:"text",text}');
    return parseTextPart(part, `${param}[${j}]`);
  });
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
  return { role: 'assistant', content, ...messageExtras(raw, ASSISTANT_FIELDS) };
}

function parseAssistantContent(content: JsonValue | undefined, param: string): AssistantPart[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalid(param, 'a string, null, or an array of text parts');
  return content.map((part, j) => {
    if (isObject(part) && part.type === 'refusal') {
      const refusal = field.string(part, 'refusal', `${param}[${j}].refusal`) ?? '';
      return { type: 'text', text: refusal, extras: { [PROTOCOL]: { refusal: true } } };
    }
    if (!isObject(part) || part.type !== 'text') throw invalid(`${param}[${j}]`, 'a text or refusal part');
    return parseTextPart(part, `${param}[${j}]`);
  });
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
    ...messageExtras(raw, new Set(['role', 'content', 'tool_call_id'])),
  };
  return message;
}

function parseLegacyFunctionResult(raw: JsonObject, param: string, calls: CallBook): ToolMessage {
  const name = field.string(raw, 'name', `${param}.name`);
  if (name === undefined) throw invalid(`${param}.name`, 'the name of the function that was called');
  const content = raw.content === null ? [] : parseTextContent(raw.content, `${param}.content`);
  return { role: 'tool', content: [{ type: 'tool-result', toolCallId: calls.idForLegacyResult(name), toolName: name, content }] };
}
