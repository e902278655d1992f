import type { ChatRequest, JsonObject } from '@fluxcore/message';
import { PROTOCOL } from './extras.js';
import { parseMessages } from './messages-parse.js';
import { readReasoningEffort } from './reasoning.js';
import { field, invalid, isObject, unknownFields } from './read.js';
import { readResponseFormat } from './response-format.js';
import { readSampling } from './sampling.js';
import { readTools } from './tools.js';

/** Top-level fields the IR models; everything else goes to `extras.openai`. */
const MODELLED = new Set([
  'model', 'messages', 'stream', 'stream_options', 'tools', 'functions', 'tool_choice', 'function_call',
  'parallel_tool_calls', 'max_completion_tokens', 'temperature', 'top_p', 'stop', 'seed',
  'frequency_penalty', 'presence_penalty', 'response_format', 'reasoning_effort', 'user',
]);

/** Parse an OpenAI Chat Completions request body into the IR. */
export function parseRequest(body: unknown): ChatRequest {
  if (!isObject(body)) throw invalid('body', 'a JSON object');
  const rawMessages = field.array(body, 'messages');
  if (rawMessages === undefined) throw invalid('messages', 'an array of messages');
  const messages = parseMessages(rawMessages);
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
  const reasoning = readReasoningEffort(body, extras);
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
