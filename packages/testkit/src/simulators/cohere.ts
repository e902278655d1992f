import type { ProviderSimulator, Scenario, SimulatedCall, SimulatedErrorKind } from '@fluxcore/adapter-kit';
import type { JsonObject } from '@fluxcore/message';
import { cohereUsage } from './cohere-usage.js';
import { bearerKey, bodyRoute } from './request-reading.js';
import { finishOf, pieces, usageOf } from './scenario-reading.js';

/**
 * Cohere Chat v2 as the API sends it (wire-formats.md §4.1), written by hand: `POST /v2/chat`,
 * `Authorization: Bearer`, SSE frames with an `event:` line naming the JSON `type`. Text that
 * comes with tool calls is Cohere's `tool_plan` (streamed as `tool-plan-delta`); thinking is a
 * content block before the text; usage (`tokens`, `billed_units`, `cached_tokens`) arrives in
 * `message-end` only. Cohere has no cache-write count and no filter finish reason
 * (`content_filter` renders as `COMPLETE`). A scenario without `usage` reports 10 in / 5 out.
 */
export const cohereSimulator: ProviderSimulator = {
  protocol: 'cohere',
  streamContentType: 'text/event-stream',

  route(call: SimulatedCall) {
    return bodyRoute(call, /(^|\/)v2\/chat$/);
  },

  apiKeyOf: bearerKey,

  renderResponse(scenario: Scenario): JsonObject {
    const message: JsonObject = { role: 'assistant' };
    const content: JsonObject[] = [];
    if (scenario.reasoning !== undefined) content.push({ type: 'thinking', thinking: scenario.reasoning.text });
    const calls = scenario.toolCalls ?? [];
    if (scenario.text !== undefined && calls.length === 0) content.push({ type: 'text', text: scenario.text });
    if (content.length > 0) message.content = content;
    if (scenario.text !== undefined && calls.length > 0) message.tool_plan = scenario.text;
    if (calls.length > 0) {
      message.tool_calls = calls.map((call, i) => ({
        id: call.id ?? `${call.name}_sim${i}`,
        type: 'function',
        function: { name: call.name, arguments: JSON.stringify(call.arguments) },
      }));
    }
    const response: JsonObject = { id: scenario.id ?? 'c0ffee00-0000-4000-8000-000000000001', message, finish_reason: finishReason(scenario) };
    const usage = usageOf(scenario);
    if (usage !== undefined) response.usage = cohereUsage(usage);
    return response;
  },

  renderStream(scenario: Scenario): string[] {
    const size = Math.max(1, scenario.chunkSize ?? 4);
    const calls = scenario.toolCalls ?? [];
    const frames: string[] = [];
    const emptyMessage = { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] };
    frames.push(sse({ id: scenario.id ?? 'c0ffee00-0000-4000-8000-000000000001', type: 'message-start', delta: { message: emptyMessage } }));
    let index = 0;
    const contentBlock = (type: 'text' | 'thinking', text: string): void => {
      frames.push(sse({ type: 'content-start', index, delta: { message: { content: { type, [type]: '' } } } }));
      for (const piece of pieces(text, size)) frames.push(sse({ type: 'content-delta', index, delta: { message: { content: { [type]: piece } } } }));
      frames.push(sse({ type: 'content-end', index }));
      index++;
    };
    if (scenario.reasoning !== undefined) contentBlock('thinking', scenario.reasoning.text);
    if (scenario.text !== undefined) {
      if (calls.length === 0) contentBlock('text', scenario.text);
      else for (const piece of pieces(scenario.text, size)) frames.push(sse({ type: 'tool-plan-delta', delta: { message: { tool_plan: piece } } }));
    }
    calls.forEach((call, i) => {
      const start = { id: call.id ?? `${call.name}_sim${i}`, type: 'function', function: { name: call.name, arguments: '' } };
      frames.push(sse({ type: 'tool-call-start', index: i, delta: { message: { tool_calls: start } } }));
      for (const piece of pieces(JSON.stringify(call.arguments), size)) {
        frames.push(sse({ type: 'tool-call-delta', index: i, delta: { message: { tool_calls: { function: { arguments: piece } } } } }));
      }
      frames.push(sse({ type: 'tool-call-end', index: i }));
    });
    const delta: JsonObject = { finish_reason: finishReason(scenario) };
    const usage = usageOf(scenario);
    if (usage !== undefined) delta.usage = cohereUsage(usage);
    frames.push(sse({ type: 'message-end', delta }));
    return frames;
  },

  renderError(_kind: SimulatedErrorKind, _status: number, message: string): JsonObject {
    return { id: 'e0000000-0000-4000-8000-000000000001', message };
  },

  /** Cohere's documented in-band error: `message-end` with `finish_reason: "ERROR"` and `error`. */
  renderStreamError(_kind: SimulatedErrorKind, message: string): string {
    return sse({ type: 'message-end', delta: { finish_reason: 'ERROR', error: message } });
  },
};

const FINISH = { stop: 'COMPLETE', length: 'MAX_TOKENS', tool_calls: 'TOOL_CALL', content_filter: 'COMPLETE' } as const;

function finishReason(scenario: Scenario): string {
  return FINISH[finishOf(scenario)];
}

function sse(data: JsonObject): string {
  return `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;
}
