import { FluxError } from '@fluxcore/errors';
import {
  isObject,
  REASONING_EFFORT_BUDGET,
  tryParseJson,
  type AssistantMessage,
  type ChatRequest,
  type ImagePart,
  type JsonObject,
  type JsonValue,
  type Message,
  type ReasoningConfig,
  type TextPart,
  type ToolDefinition,
  type ToolResultPart,
  type UpstreamRequest,
  type UpstreamTarget,
  type UserPart,
} from '@fluxcore/message';
import { writeResponseFormat } from '../shared/response-format.js';
import { writeSampling } from '../shared/sampling.js';
import { cohereChatRequest } from '../shared/upstream-request.js';
import { PROTOCOL, TOOL_PLAN_MARK } from './names.js';

/** Build `POST {base}/v2/chat` for an IR request. */
export function buildCohereRequest(request: ChatRequest, target: UpstreamTarget): UpstreamRequest {
  const documents: JsonValue[] = [];
  const body: JsonObject = {
    model: target.model,
    messages: request.messages.flatMap((message, i) => toWireMessages(message, i, documents)),
  };
  addTools(body, request);
  writeSampling(body, request);
  if (request.responseFormat !== undefined) body.response_format = writeResponseFormat(request.responseFormat, 'json_schema');
  const thinking = request.reasoning === undefined ? undefined : toThinking(request.reasoning);
  if (thinking !== undefined) body.thinking = thinking;
  Object.assign(body, request.extras?.[PROTOCOL]);
  if (documents.length > 0) body.documents = [...(Array.isArray(body.documents) ? body.documents : []), ...documents];
  body.stream = target.stream;
  return cohereChatRequest(body, target, 'v2');
}

function withExtras(wire: JsonObject, extras: { [PROTOCOL]?: JsonObject } | undefined): JsonObject {
  return extras?.[PROTOCOL] === undefined ? wire : { ...extras[PROTOCOL], ...wire };
}

function toWireMessages(message: Message, index: number, documents: JsonValue[]): JsonObject[] {
  switch (message.role) {
    case 'system':
      return [withExtras({ role: 'system', content: textContent(message.content) }, message.extras)];
    case 'user':
      return [withExtras({ role: 'user', content: userContent(message.content, index, documents) }, message.extras)];
    case 'assistant':
      return [withExtras(assistantMessage(message), message.extras)];
    case 'tool':
      return message.content.map((result) => withExtras({ role: 'tool', tool_call_id: result.toolCallId, content: toolContent(result) }, message.extras));
  }
}

/** A lone plain text part is sent as a string, the form Cohere documents first. */
function textContent(parts: TextPart[]): JsonValue {
  const only = parts[0];
  if (parts.length === 1 && only !== undefined && only.extras?.[PROTOCOL] === undefined) return only.text;
  return parts.map((part) => withExtras({ type: 'text', text: part.text }, part.extras));
}

function userContent(parts: UserPart[], index: number, documents: JsonValue[]): JsonValue {
  const wire: JsonObject[] = [];
  const texts: TextPart[] = [];
  parts.forEach((part, j) => {
    if (part.type === 'text') {
      texts.push(part);
      wire.push(withExtras({ type: 'text', text: part.text }, part.extras));
    } else if (part.type === 'image') {
      wire.push(imagePart(part));
    } else {
      documents.push(fileDocument(part.source, part.filename, `messages[${index}].content[${j}]`));
    }
  });
  if (wire.length === texts.length && texts.length === 1) return textContent(texts);
  return wire;
}

function imagePart(part: ImagePart): JsonObject {
  const url = part.source.kind === 'url' ? part.source.url : `data:${part.source.mediaType};base64,${part.source.data}`;
  const image: JsonObject = { url };
  if (part.detail !== undefined) image.detail = part.detail;
  return withExtras({ type: 'image_url', image_url: image }, part.extras);
}

/**
 * Cohere messages carry no files; its top-level `documents` takes text. Text files are decoded
 * into a document; anything else (PDF, audio) cannot be expressed and is refused, since
 * dropping it silently would change the question.
 */
function fileDocument(source: { kind: string; data?: string; mediaType?: string }, filename: string | undefined, param: string): JsonValue {
  const mediaType = source.mediaType ?? '';
  if (source.kind !== 'base64' || source.data === undefined || !(mediaType.startsWith('text/') || mediaType === 'application/json')) {
    throw new FluxError({
      category: 'invalid_request',
      param,
      message: `${param}: Cohere accepts only text documents (got ${source.kind === 'url' ? 'a file URL' : mediaType || 'a file'})`,
    });
  }
  const data: JsonObject = { text: Buffer.from(source.data, 'base64').toString('utf8') };
  if (filename !== undefined) data.title = filename;
  return { data };
}

function assistantMessage(message: AssistantMessage): JsonObject {
  const content: JsonObject[] = [];
  const plan: string[] = [];
  const toolCalls: JsonObject[] = [];
  const hasCalls = message.content.some((part) => part.type === 'tool-call');
  const hasMarkedPlan = message.content.some((part) => part.type === 'text' && part.extras?.[PROTOCOL]?.[TOOL_PLAN_MARK] === true);
  for (const part of message.content) {
    if (part.type === 'tool-call') {
      const args = part.arguments.trim() === '' ? '{}' : part.arguments;
      toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: args } });
    } else if (part.type === 'reasoning') {
      // Cohere needs no signature; redacted reasoning has no text to send.
      if (part.text !== '') content.push({ type: 'thinking', thinking: part.text });
    } else if (part.extras?.[PROTOCOL]?.[TOOL_PLAN_MARK] === true || (hasCalls && !hasMarkedPlan)) {
      plan.push(part.text);
    } else {
      content.push(withExtras({ type: 'text', text: part.text }, part.extras));
    }
  }
  const wire: JsonObject = { role: 'assistant' };
  if (content.length > 0) wire.content = isLonePlainText(content) ? content[0]!.text! : content;
  if (plan.length > 0) wire.tool_plan = plan.join('');
  if (toolCalls.length > 0) wire.tool_calls = toolCalls;
  return wire;
}

function isLonePlainText(content: JsonObject[]): boolean {
  const only = content[0];
  return content.length === 1 && only !== undefined && only.type === 'text' && Object.keys(only).length === 2;
}

/**
 * Tool output: a single plain text goes as a string; documents go back as documents. Cohere
 * has no error flag and no images in tool results: `isError` is dropped, images are skipped.
 */
function toolContent(result: ToolResultPart): JsonValue {
  const texts = result.content.filter((part): part is TextPart => part.type === 'text');
  if (texts.every((part) => part.extras?.[PROTOCOL]?.document === undefined)) return textContent(texts);
  return texts.map((part) => {
    const marker = part.extras?.[PROTOCOL]?.document;
    if (marker === undefined) return withExtras({ type: 'text', text: part.text }, part.extras);
    return { type: 'document', document: { ...(isObject(marker) ? marker : {}), data: documentData(part.text) } };
  });
}

/** A document's data: the JSON object the text holds, or the plain text wrapped as `{ text }`. */
function documentData(text: string): JsonValue {
  const parsed = tryParseJson(text);
  return isObject(parsed) ? parsed : { text };
}

/**
 * Tool choice: auto is the default (omitted); a named tool has no Cohere equivalent, so it
 * becomes `REQUIRED` with only that tool sent. Cohere has no switch for parallel calls.
 */
function addTools(body: JsonObject, request: ChatRequest): void {
  const choice = request.toolChoice;
  let tools: ToolDefinition[] | undefined = request.tools;
  if (choice?.type === 'tool') tools = tools?.filter((tool) => tool.name === choice.name);
  if (tools !== undefined && tools.length > 0) {
    body.tools = tools.map((tool) => ({ type: 'function', function: withExtras(toolFunction(tool), tool.extras) }));
    const strict = tools.map((tool) => tool.strict);
    if (strict.every((value) => value === true)) body.strict_tools = true;
    else if (strict.every((value) => value === false)) body.strict_tools = false;
  }
  if (choice?.type === 'none') body.tool_choice = 'NONE';
  else if (choice?.type === 'required' || choice?.type === 'tool') body.tool_choice = 'REQUIRED';
}

function toolFunction(tool: ToolDefinition): JsonObject {
  const fn: JsonObject = { name: tool.name };
  if (tool.description !== undefined) fn.description = tool.description;
  fn.parameters = tool.parameters;
  return fn;
}

function toThinking(reasoning: ReasoningConfig): JsonObject | undefined {
  if (reasoning.enabled === false) return { type: 'disabled' };
  const budget = reasoning.budgetTokens ?? (reasoning.effort === undefined ? undefined : REASONING_EFFORT_BUDGET[reasoning.effort]);
  if (budget !== undefined) return { type: 'enabled', token_budget: budget };
  return reasoning.enabled === true ? { type: 'enabled' } : undefined;
}
