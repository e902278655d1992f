import { FieldReader, invalidRequest, isObject, type ChatRequest, type JsonObject } from '@fluxcore/message';
import { PROTOCOL } from './extras.js';
import { parseMessages } from './messages-parse.js';
import { readReasoningEffort } from './reasoning.js';
import { readResponseFormat } from './response-format.js';
import { readSampling } from './sampling.js';
import { readTools } from './tools.js';

/** Top-level fields the IR models; everything else goes to `extras.openai`. */
const MODELLED = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'tools',
  'functions',
  'tool_choice',
  'function_call',
  'parallel_tool_calls',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'stop',
  'seed',
  'frequency_penalty',
  'presence_penalty',
  'response_format',
  'reasoning_effort',
  'user',
]);

/** Parse an OpenAI Chat Completions request body into the IR. */
export function parseRequest(body: unknown): ChatRequest {
  if (!isObject(body)) throw invalidRequest('body', 'a JSON object');
  const fields = new FieldReader(body, '', invalidRequest);
  const rawMessages = fields.array('messages');
  if (rawMessages === undefined) throw invalidRequest('messages', 'an array of messages');
  const messages = parseMessages(rawMessages);
  const extras: JsonObject = fields.rest(MODELLED) ?? {};

  const request: ChatRequest = { messages, stream: fields.boolean('stream') ?? false };
  const model = fields.string('model');
  if (model !== undefined) request.model = model;
  readStreamOptions(fields, request, extras);
  readTools(fields, request, extras);
  readSampling(fields, request);
  readMaxTokens(fields, request);
  const responseFormat = readResponseFormat(fields);
  if (responseFormat !== undefined) request.responseFormat = responseFormat;
  const reasoning = readReasoningEffort(fields, extras);
  if (reasoning !== undefined) request.reasoning = reasoning;
  const user = fields.string('user');
  if (user !== undefined) request.user = user;
  if (Object.keys(extras).length > 0) request.extras = { [PROTOCOL]: extras };
  return request;
}

const STREAM_OPTIONS_FIELDS = new Set(['include_usage']);

function readStreamOptions(body: FieldReader, request: ChatRequest, extras: JsonObject): void {
  const options = body.reader('stream_options');
  if (options === undefined) return;
  const includeUsage = options.boolean('include_usage');
  if (includeUsage !== undefined) request.streamUsage = includeUsage;
  const rest = options.rest(STREAM_OPTIONS_FIELDS);
  if (rest !== undefined) extras.stream_options = rest;
}

/**
 * `max_completion_tokens` is the current field, `max_tokens` the legacy one (it wins only when
 * alone). `max_tokens` is not in MODELLED, so it also stays in extras and a same-protocol trip
 * writes back the field the client used.
 */
function readMaxTokens(body: FieldReader, request: ChatRequest): void {
  const maxTokens = body.count('max_completion_tokens') ?? body.count('max_tokens');
  if (maxTokens !== undefined) request.maxTokens = maxTokens;
}
