import type { AssistantPart, ChatResponse, JsonObject, JsonValue } from '@fluxcore/message';
import { inBandError } from './errors.js';
import { finishFromOpenAI } from './finish-reason.js';
import { generatedCallId, generatedResponseId } from './ids.js';
import { PROTOCOL } from './extras.js';
import { isObject, jsonText, malformed, unknownFields } from './read.js';
import { reasoningText } from './reasoning.js';
import { usageFromOpenAI } from './usage.js';

const RESPONSE_FIELDS = new Set(['id', 'object', 'created', 'model', 'choices', 'usage']);
const MESSAGE_FIELDS = new Set(['role', 'content', 'refusal', 'tool_calls', 'function_call', 'reasoning_content', 'reasoning']);

/**
 * Parse a Chat Completions response body. Only the first choice is kept. Unmodelled fields
 * (`system_fingerprint`, `service_tier`, the choice's `logprobs`, message `annotations`) go to
 * `extras.openai` so that an OpenAI client gets them back.
 */
export function parseResponse(body: unknown): ChatResponse {
  if (!isObject(body)) throw malformed('response body is not a JSON object');
  if (body.error !== undefined && body.error !== null) throw inBandError(body.error);
  const choices = body.choices;
  if (!Array.isArray(choices) || choices.length === 0) throw malformed('response has no choices');
  const choice = choices.find((c) => isObject(c) && (c.index ?? 0) === 0) ?? choices[0];
  if (!isObject(choice) || !isObject(choice.message)) throw malformed('choices[0].message is not an object');
  const message = choice.message;
  const id = typeof body.id === 'string' && body.id !== '' ? body.id : generatedResponseId();
  const content = parseMessageContent(message, id);

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

function parseMessageContent(message: JsonObject, responseId: string): AssistantPart[] {
  const parts: AssistantPart[] = [];
  const reasoning = reasoningText(message);
  if (reasoning !== undefined) parts.push({ type: 'reasoning', text: reasoning });
  const content = message.content;
  if (typeof content === 'string') {
    if (content !== '') parts.push({ type: 'text', text: content });
  } else if (Array.isArray(content)) {
    for (const part of content) if (isObject(part) && typeof part.text === 'string') parts.push({ type: 'text', text: part.text });
  } else if (content !== undefined && content !== null) throw malformed('choices[0].message.content is not a string');
  if (typeof message.refusal === 'string') parts.push({ type: 'text', text: message.refusal, extras: { [PROTOCOL]: { refusal: true } } });
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  calls.forEach((call, j) => parts.push(parseToolCall(call, responseId, j)));
  if (isObject(message.function_call)) parts.push(parseToolCall({ function: message.function_call }, responseId, calls.length));
  return parts;
}

function parseToolCall(raw: JsonValue, responseId: string, index: number): AssistantPart {
  if (!isObject(raw) || !isObject(raw.function) || typeof raw.function.name !== 'string') {
    throw malformed(`choices[0].message.tool_calls[${index}] has no function name`);
  }
  const args = raw.function.arguments;
  return {
    type: 'tool-call',
    id: typeof raw.id === 'string' && raw.id !== '' ? raw.id : generatedCallId(responseId, index),
    name: raw.function.name,
    arguments: typeof args === 'string' ? args : isObject(args) ? jsonText(args, `choices[0].message.tool_calls[${index}].function.arguments`) : '',
  };
}

function responseExtras(body: JsonObject, choice: JsonObject, message: JsonObject): JsonObject | undefined {
  const extras: JsonObject = unknownFields(body, RESPONSE_FIELDS) ?? {};
  if (choice.logprobs !== undefined && choice.logprobs !== null) extras.logprobs = choice.logprobs;
  const messageRest = unknownFields(message, MESSAGE_FIELDS);
  if (messageRest !== undefined) extras.message = messageRest;
  return Object.keys(extras).length > 0 ? extras : undefined;
}
