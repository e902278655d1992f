import type { ServerResponse } from 'node:http';
import { FluxError, type ErrorCategory } from '@fluxcore/errors';
import type { ChatRequest, ChatResponse, ProtocolAdapter, StreamEvent } from '@fluxcore/message';
import { sendError, sendEvents, sendJson, textEvents, toolCallEvents } from '@fluxcore/testkit';

/** The usage every scripted answer reports. */
export const USAGE = { inputTokens: 21, outputTokens: 9, cachedInputTokens: 5, reasoningTokens: 3 };

/** The models whose requests are answered with an error, and its category (the message is `simulated <category>`). */
export const ERROR_MODELS: Readonly<Record<string, ErrorCategory>> = {
  'err-400': 'invalid_request',
  'err-401': 'authentication',
  'err-403': 'permission',
  'err-404': 'not_found',
  'err-429': 'rate_limit',
  'err-500': 'server',
  'err-503': 'overloaded',
};

const TOOLS_TEXT = 'Checking both.';

function answerOf(model: string): ChatResponse {
  const answer = { id: `resp-${model}`, model, created: 1, usage: USAGE };
  if (model !== 'tools') return { ...answer, content: [{ type: 'text', text: 'Hello from fluxcore' }], finishReason: 'stop' };
  return {
    ...answer,
    content: [
      { type: 'text', text: TOOLS_TEXT },
      { type: 'tool-call', id: 'call_w', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'tool-call', id: 'call_t', name: 'get_time', arguments: '{"tz":"CET"}' },
    ],
    finishReason: 'tool_calls',
  };
}

function eventsOf(model: string): StreamEvent[] {
  const start: StreamEvent = { type: 'start', id: `resp-${model}`, model, created: 1 };
  if (model !== 'tools') {
    const earlyUsage: StreamEvent = { type: 'usage', usage: { inputTokens: USAGE.inputTokens } };
    return [start, earlyUsage, ...textEvents(0, 'Hello', ' from', ' fluxcore'), { type: 'finish', finishReason: 'stop', usage: USAGE }];
  }
  return [
    start,
    ...textEvents(0, TOOLS_TEXT),
    ...toolCallEvents(1, 'call_w', 'get_weather', '{"city":', '"Paris"}'),
    ...toolCallEvents(2, 'call_t', 'get_time', '{"tz":"CET"}'),
    { type: 'finish', finishReason: 'tool_calls', usage: USAGE },
  ];
}

/**
 * Answers `request` in `adapter`'s protocol as its model name says: a model of
 * {@link ERROR_MODELS} with that error (a rate limit with a one-second retry hint), `tools` with
 * text and two tool calls, `stream-error` with a stream that fails as overloaded after the text
 * "partial", any other with the text "Hello from fluxcore". Streamed when the request asks.
 */
export async function answerByModel(res: ServerResponse, adapter: ProtocolAdapter, request: ChatRequest): Promise<void> {
  const model = request.model ?? '';
  const category = ERROR_MODELS[model];
  if (category !== undefined) {
    sendError(res, adapter, new FluxError({ category, message: `simulated ${category}`, ...(category === 'rate_limit' && { retryAfterMs: 1000 }) }));
  } else if (!request.stream) {
    sendJson(res, 200, adapter.formatResponse(answerOf(model), { request }));
  } else if (model === 'stream-error') {
    const partial: StreamEvent[] = [{ type: 'start', id: 'resp-e', model, created: 1 }, ...textEvents(0, 'partial').slice(0, 2)];
    await sendEvents(res, adapter, request, partial, new FluxError({ category: 'overloaded', message: 'upstream overloaded mid-stream' }));
  } else {
    await sendEvents(res, adapter, request, eventsOf(model));
  }
}
