import {
  expectObject,
  expectString,
  isObject,
  jsonText,
  unknownFields,
  upstreamProtocol,
  type AssistantPart,
  type ChatResponse,
  type JsonObject,
  type JsonValue,
} from '@fluxcore/message';
import { inBandError } from './errors.js';
import { PROTOCOL } from './extras.js';
import { finishFromOpenAI } from './finish-reason.js';
import { generatedCallId, generatedResponseId } from './ids.js';
import { reasoningText } from './reasoning.js';
import { usageFromOpenAI } from './usage.js';

const fail = upstreamProtocol('openai response');

const RESPONSE_FIELDS = new Set(['id', 'object', 'created', 'model', 'choices', 'usage']);
const MESSAGE_FIELDS = new Set(['role', 'content', 'refusal', 'tool_calls', 'function_call', 'reasoning_content', 'reasoning']);

/**
 * Parse a Chat Completions response body. Only the first choice is kept. Unmodelled fields
 * (`system_fingerprint`, `service_tier`, the choice's `logprobs`, message `annotations`) go to
 * `extras.openai` so that an OpenAI client gets them back.
 */
export function parseResponse(body: unknown): ChatResponse {
  if (!isObject(body)) throw fail('body', 'a JSON object');
  if (body.error !== undefined && body.error !== null) throw inBandError(body.error);
  const choices = body.choices;
  if (!Array.isArray(choices) || choices.length === 0) throw fail('choices', 'a non-empty array');
  const position = Math.max(
    0,
    choices.findIndex((c) => isObject(c) && (c.index ?? 0) === 0),
  );
  const choice = expectObject(choices[position], `choices[${position}]`, fail);
  const message = expectObject(choice.message, `choices[${position}].message`, fail);
  const id = typeof body.id === 'string' && body.id !== '' ? body.id : generatedResponseId();
  const content = parseMessageContent(message, `choices[${position}].message`, id);

  const response: ChatResponse = {
    id,
    model: typeof body.model === 'string' ? body.model : '',
    content,
    finishReason: 'stop',
  };
  if (typeof body.created === 'number') response.created = body.created;
  const raw = choice.finish_reason;
  if (typeof raw === 'string') {
    response.finishReason = finishFromOpenAI(raw);
    response.rawFinishReason = raw;
  } else if (content.some((part) => part.type === 'tool-call')) response.finishReason = 'tool_calls';
  const usage = usageFromOpenAI(body.usage);
  if (usage !== undefined) response.usage = usage;
  const extras = responseExtras(body, choice, message);
  if (extras !== undefined) response.extras = { [PROTOCOL]: extras };
  return response;
}

function parseMessageContent(message: JsonObject, path: string, responseId: string): AssistantPart[] {
  const parts: AssistantPart[] = [];
  const reasoning = reasoningText(message);
  if (reasoning !== undefined) parts.push({ type: 'reasoning', text: reasoning });
  const content = message.content;
  if (typeof content === 'string') {
    if (content !== '') parts.push({ type: 'text', text: content });
  } else if (Array.isArray(content)) {
    for (const part of content) if (isObject(part) && typeof part.text === 'string') parts.push({ type: 'text', text: part.text });
  } else if (content !== undefined && content !== null) throw fail(`${path}.content`, 'a string, null or an array of parts');
  if (typeof message.refusal === 'string') parts.push({ type: 'text', text: message.refusal, extras: { [PROTOCOL]: { refusal: true } } });
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  calls.forEach((call, j) => parts.push(parseToolCall(call, `${path}.tool_calls[${j}]`, generatedCallId(responseId, j))));
  if (isObject(message.function_call)) parts.push(functionCallPart(message.function_call, `${path}.function_call`, generatedCallId(responseId, calls.length)));
  return parts;
}

/** A tool call; one sent without an id gets `fallbackId`. */
function parseToolCall(raw: JsonValue, path: string, fallbackId: string): AssistantPart {
  const call = expectObject(raw, path, fail);
  const id = typeof call.id === 'string' && call.id !== '' ? call.id : fallbackId;
  return functionCallPart(expectObject(call.function, `${path}.function`, fail), `${path}.function`, id);
}

/** The `function` of a tool call (or a legacy `function_call`): a name, and arguments as JSON text or an object. */
function functionCallPart(fn: JsonObject, path: string, id: string): AssistantPart {
  const name = expectString(fn.name, `${path}.name`, fail);
  const args = fn.arguments;
  return { type: 'tool-call', id, name, arguments: typeof args === 'string' ? args : isObject(args) ? jsonText(args, `${path}.arguments`, fail) : '' };
}

function responseExtras(body: JsonObject, choice: JsonObject, message: JsonObject): JsonObject | undefined {
  const extras: JsonObject = unknownFields(body, RESPONSE_FIELDS) ?? {};
  if (choice.logprobs !== undefined && choice.logprobs !== null) extras.logprobs = choice.logprobs;
  const messageRest = unknownFields(message, MESSAGE_FIELDS);
  if (messageRest !== undefined) extras.message = messageRest;
  return Object.keys(extras).length > 0 ? extras : undefined;
}
