import type {
  AssistantMessage,
  ChatRequest,
  ImagePart,
  JsonObject,
  JsonValue,
  Message,
  ReasoningConfig,
  SystemMessage,
  TextPart,
  ToolChoice,
  ToolDefinition,
  ToolMessage,
  UpstreamRequest,
  UpstreamTarget,
  UserMessage,
  UserPart,
} from '@fluxcore/message';
import type { Dialect } from './dialect.js';
import { upstreamHeaders, type EndpointStyle } from './endpoint.js';
import { audioFormat, urlFromSource } from './media.js';
import { PROTOCOL } from './protocol.js';
import { compact, invalid, isObject } from './read.js';

/** Build the upstream Chat Completions call for an IR request. */
export function buildRequest(request: ChatRequest, target: UpstreamTarget, style: EndpointStyle): UpstreamRequest {
  const dialect = style.dialect(target.baseURL);
  return send(buildBody(request, target, dialect), target, style, dialect);
}

function send(body: JsonObject, target: UpstreamTarget, style: EndpointStyle, dialect: Dialect): UpstreamRequest {
  dialect.rewrite?.(body);
  return { url: style.url(target.baseURL), method: 'POST', headers: upstreamHeaders(style, target), body: JSON.stringify(body) };
}

/**
 * Same protocol on both sides: the client's body, with only the model and streaming changed
 * (and the fields a strict service rejects, see dialect.ts).
 */
export function buildPassthroughRequest(clientBody: JsonObject, target: UpstreamTarget, style: EndpointStyle): UpstreamRequest {
  const dialect = style.dialect(target.baseURL);
  const body: JsonObject = { ...clientBody, model: target.model };
  if (target.stream) {
    body.stream = true;
    if (dialect.sendsStreamOptions) {
      const options = isObject(clientBody.stream_options) ? clientBody.stream_options : {};
      body.stream_options = { ...options, include_usage: true };
    }
  } else if (body.stream === true) {
    delete body.stream;
    delete body.stream_options;
  }
  return send(body, target, style, dialect);
}

function buildBody(request: ChatRequest, target: UpstreamTarget, dialect: Dialect): JsonObject {
  const extras: JsonObject = { ...request.extras?.[PROTOCOL] };
  const rawEffort = extras.reasoning_effort;
  delete extras.reasoning_effort;
  const body: JsonObject = { model: target.model, messages: buildMessages(request.messages), ...extras };
  const hasTools = request.tools !== undefined && request.tools.length > 0;
  Object.assign(
    body,
    compact({
      temperature: request.temperature,
      top_p: request.topP,
      frequency_penalty: request.frequencyPenalty,
      presence_penalty: request.presencePenalty,
      seed: request.seed,
      stop: request.stopSequences,
      user: request.user,
      // OpenAI rejects an empty tools list, and tool_choice or parallel_tool_calls without tools.
      tools: hasTools ? request.tools?.map(buildTool) : undefined,
      tool_choice: hasTools && request.toolChoice !== undefined ? buildToolChoice(request.toolChoice) : undefined,
      parallel_tool_calls: hasTools ? request.parallelToolCalls : undefined,
      response_format: buildResponseFormat(request),
      reasoning_effort: buildEffort(request.reasoning, rawEffort),
    }),
  );
  if (request.maxTokens !== undefined && body.max_tokens !== request.maxTokens) {
    body[dialect.maxTokensField] = request.maxTokens;
  }
  if (target.stream) {
    body.stream = true;
    if (dialect.sendsStreamOptions) {
      const options = isObject(extras.stream_options) ? extras.stream_options : {};
      body.stream_options = { ...options, include_usage: true };
    }
  } else {
    delete body.stream_options;
  }
  return body;
}

function buildTool(tool: ToolDefinition): JsonObject {
  return {
    type: 'function',
    function: compact({
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters,
      strict: tool.strict,
      ...tool.extras?.[PROTOCOL],
    }),
  };
}

function buildToolChoice(choice: ToolChoice): JsonValue {
  return choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : choice.type;
}

function buildResponseFormat(request: ChatRequest): JsonObject | undefined {
  const format = request.responseFormat;
  if (format === undefined) return undefined;
  if (format.type === 'text') return { type: 'text' };
  if (format.schema === undefined) return { type: 'json_object' };
  return {
    type: 'json_schema',
    json_schema: compact({ name: format.name ?? 'response', description: format.description, schema: format.schema, strict: format.strict }),
  };
}

const BUDGET_EFFORT: ReadonlyArray<[number, 'low' | 'medium' | 'high']> = [
  [1024, 'low'],
  [4096, 'medium'],
];

/**
 * `reasoning_effort` from the IR: an effort as is; a budget mapped back (≤1024 low, ≤4096
 * medium, more high); reasoning switched off sends nothing (older models reject `none`) unless
 * the client itself wrote `none`. A raw value the IR rounds (`xhigh`, `max`) or does not know is
 * restored.
 */
function buildEffort(reasoning: ReasoningConfig | undefined, raw: JsonValue | undefined): string | undefined {
  if (reasoning === undefined) return typeof raw === 'string' ? raw : undefined;
  if (reasoning.enabled === false) return raw === 'none' ? 'none' : undefined;
  if (reasoning.effort !== undefined) return reasoning.effort === 'high' && (raw === 'xhigh' || raw === 'max') ? raw : reasoning.effort;
  if (reasoning.budgetTokens !== undefined) {
    const budget = reasoning.budgetTokens;
    return BUDGET_EFFORT.find(([limit]) => budget <= limit)?.[1] ?? 'high';
  }
  return undefined;
}

// --- messages ----------------------------------------------------------------------------

function buildMessages(messages: Message[]): JsonObject[] {
  const out: JsonObject[] = [];
  messages.forEach((message, i) => {
    switch (message.role) {
      case 'system':
        out.push(buildSystem(message));
        break;
      case 'user':
        out.push(buildUser(message, i));
        break;
      case 'assistant':
        out.push(buildAssistant(message));
        break;
      case 'tool':
        out.push(...buildToolResults(message));
        break;
    }
  });
  return out;
}

function ownExtras(extras: Record<string, JsonObject> | undefined): JsonObject {
  return { ...extras?.[PROTOCOL] };
}

/** `developer` survives a same-protocol trip through extras; everything else becomes `system`. */
function buildSystem(message: SystemMessage): JsonObject {
  const extras = ownExtras(message.extras);
  const role = extras.role === 'developer' ? 'developer' : 'system';
  return { ...extras, role, content: textContent(message.content) };
}

/** One plain text part is sent as a string; anything else as text parts. */
function textContent(parts: TextPart[]): JsonValue {
  const only = parts[0];
  if (parts.length === 1 && only !== undefined && only.extras?.[PROTOCOL] === undefined) return only.text;
  return parts.map(textPart);
}

function textPart(part: TextPart): JsonObject {
  return { type: 'text', text: part.text, ...part.extras?.[PROTOCOL] };
}

function buildUser(message: UserMessage, index: number): JsonObject {
  const parts = message.content;
  const content: JsonValue = parts.every((p) => p.type === 'text')
    ? textContent(parts as TextPart[])
    : parts.map((part, j) => buildUserPart(part, `messages[${index}].content[${j}]`));
  return { ...ownExtras(message.extras), role: 'user', content, ...(message.name === undefined ? {} : { name: message.name }) };
}

function buildUserPart(part: UserPart, param: string): JsonObject {
  const extras = ownExtras(part.extras);
  switch (part.type) {
    case 'text':
      return textPart(part);
    case 'image':
      return { ...extras, type: 'image_url', image_url: compact({ url: urlFromSource(part.source), detail: part.detail }) };
    case 'file': {
      const { file_id: fileId, ...rest } = extras;
      if (typeof fileId === 'string') return { ...rest, type: 'file', file: compact({ file_id: fileId, filename: part.filename }) };
      if (part.source.kind === 'url') throw invalid(param, 'an inline (base64) file: OpenAI Chat Completions takes no file URLs');
      const format = audioFormat(part.source.mediaType);
      if (format !== undefined) return { ...rest, type: 'input_audio', input_audio: { data: part.source.data, format } };
      return { ...rest, type: 'file', file: compact({ filename: part.filename, file_data: urlFromSource(part.source) }) };
    }
  }
}

/**
 * Text joins into `content`, refusals into `refusal`, tool calls into `tool_calls`. Reasoning is
 * written back as `reasoning_content` only when it came from that field (a same-protocol trip to
 * a DeepSeek-style service); other reasoning and every signature are dropped: Chat Completions
 * takes neither.
 */
function buildAssistant(message: AssistantMessage): JsonObject {
  const texts: TextPart[] = [];
  const refusals: string[] = [];
  const reasoning: string[] = [];
  const toolCalls: JsonObject[] = [];
  for (const part of message.content) {
    if (part.type === 'text') {
      if (part.extras?.[PROTOCOL]?.refusal === true) refusals.push(part.text);
      else texts.push(part);
    } else if (part.type === 'reasoning') {
      if (part.extras?.[PROTOCOL]?.field === 'reasoning_content') reasoning.push(part.text);
    } else {
      toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } });
    }
  }
  const out: JsonObject = { ...ownExtras(message.extras), role: 'assistant', content: texts.length === 0 ? null : textContent(texts) };
  if (refusals.length > 0) out.refusal = refusals.join('');
  if (reasoning.length > 0) out.reasoning_content = reasoning.join('');
  if (toolCalls.length > 0) out.tool_calls = toolCalls;
  return out;
}

/**
 * One `tool` message per result. Tool messages take only text, so images a tool returned follow
 * in one user message right after the results.
 */
function buildToolResults(message: ToolMessage): JsonObject[] {
  const out: JsonObject[] = [];
  const images: ImagePart[] = [];
  for (const result of message.content) {
    const texts: TextPart[] = [];
    for (const part of result.content) {
      if (part.type === 'text') texts.push(part);
      else images.push(part);
    }
    out.push({ ...ownExtras(message.extras), ...ownExtras(result.extras), role: 'tool', tool_call_id: result.toolCallId, content: texts.length === 0 ? '' : textContent(texts) });
  }
  if (images.length > 0) {
    out.push({ role: 'user', content: images.map((image) => buildUserPart(image, 'tool result image')) });
  }
  return out;
}
