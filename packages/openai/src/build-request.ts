import { compact, isObject, type ChatRequest, type JsonObject, type UpstreamRequest, type UpstreamTarget } from '@fluxcore/message';
import type { Dialect } from './dialect.js';
import { upstreamHeaders, type EndpointStyle } from './endpoint.js';
import { PROTOCOL } from './extras.js';
import { buildMessages } from './messages-build.js';
import { buildReasoningEffort } from './reasoning.js';
import { buildResponseFormat } from './response-format.js';
import { buildTool, buildToolChoice } from './tools.js';

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
  if (target.stream) streamWithUsage(body, dialect);
  else if (body.stream === true) {
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
      reasoning_effort: buildReasoningEffort(request.reasoning, rawEffort),
    }),
  );
  if (request.maxTokens !== undefined && body.max_tokens !== request.maxTokens) {
    body[dialect.maxTokensField] = request.maxTokens;
  }
  if (target.stream) streamWithUsage(body, dialect);
  else delete body.stream_options;
  return body;
}

/**
 * A streamed call asks for the usage chunk with `stream_options.include_usage`, keeping the
 * client's other stream options, unless the service rejects the field (see dialect.ts).
 */
function streamWithUsage(body: JsonObject, dialect: Dialect): void {
  body.stream = true;
  if (!dialect.sendsStreamOptions) return;
  const options = isObject(body.stream_options) ? body.stream_options : {};
  body.stream_options = { ...options, include_usage: true };
}
