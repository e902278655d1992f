import type { ProviderSimulator, Scenario, ScenarioUsage, SimulatedCall, SimulatedErrorKind } from '@fluxcore/adapter-kit';
import type { JsonObject } from '@fluxcore/message';

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
    if (!/(^|\/)v2\/chat$/.test(call.path)) return undefined;
    const body = isObject(call.body) ? call.body : {};
    return { stream: body.stream === true, ...(typeof body.model === 'string' ? { model: body.model } : {}) };
  },

  apiKeyOf(call: SimulatedCall) {
    return /^Bearer\s+(.+)$/i.exec(header(call, 'authorization') ?? '')?.[1];
  },

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
    const response: JsonObject = { id: scenario.id ?? 'c0ffee00-0000-4000-8000-000000000001', message, finish_reason: finishOf(scenario) };
    const usage = usageOf(scenario);
    if (usage !== undefined) response.usage = wireUsage(usage);
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
    const delta: JsonObject = { finish_reason: finishOf(scenario) };
    const usage = usageOf(scenario);
    if (usage !== undefined) delta.usage = wireUsage(usage);
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

function finishOf(scenario: Scenario): string {
  return FINISH[scenario.finish ?? (scenario.toolCalls?.length ? 'tool_calls' : 'stop')];
}

function usageOf(scenario: Scenario): ScenarioUsage | undefined {
  if (scenario.usage === null) return undefined;
  return scenario.usage ?? { inputTokens: 10, outputTokens: 5 };
}

/** `tokens` counts everything; Cohere bills fewer input tokens than it renders, as real answers show. */
function wireUsage(usage: ScenarioUsage): JsonObject {
  const wire: JsonObject = {
    billed_units: { input_tokens: Math.max(0, usage.inputTokens - (usage.cachedInputTokens ?? 0)), output_tokens: usage.outputTokens },
    tokens: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
  };
  if (usage.cachedInputTokens !== undefined) wire.cached_tokens = usage.cachedInputTokens;
  return wire;
}

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

function sse(data: JsonObject): string {
  return `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;
}

function header(call: SimulatedCall, name: string): string | undefined {
  const value = call.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
