import type { ProviderSimulator, Scenario, SimulatedCall } from '@fluxcore/adapter-kit';
import type { JsonObject } from '@fluxcore/message';

const CREATED_AT = '2026-11-26T03:50:00.000000001Z';
const DONE_REASON = { stop: 'stop', length: 'length', tool_calls: 'stop', content_filter: 'stop' } as const;

/** The counts Ollama puts on its last line (`prompt_eval_count`, `eval_count`), or none. */
function counts(scenario: Scenario): JsonObject {
  const usage = scenario.usage === undefined ? { inputTokens: 12, outputTokens: 7 } : scenario.usage;
  return usage === null ? {} : { prompt_eval_count: usage.inputTokens, eval_count: usage.outputTokens };
}

function doneLine(scenario: Scenario, model: string, message: JsonObject): JsonObject {
  const finish = scenario.finish ?? 'stop';
  return {
    model,
    created_at: CREATED_AT,
    message: { role: 'assistant', ...message },
    done: true,
    done_reason: DONE_REASON[finish],
    total_duration: 812_345_678,
    ...counts(scenario),
  };
}

function toolCalls(scenario: Scenario): JsonObject[] {
  return (scenario.toolCalls ?? []).map((call) => ({ function: { name: call.name, arguments: call.arguments } }));
}

function pieces(text: string, size: number): string[] {
  const characters = Array.from(text);
  return Array.from({ length: Math.ceil(characters.length / size) }, (_, i) => characters.slice(i * size, (i + 1) * size).join(''));
}

/**
 * Ollama's `POST /api/chat`, written from its API documentation (never by the adapter): NDJSON
 * lines of `{model, created_at, message, done}`, the last one `done: true` with `done_reason` and
 * the counts; tool calls whole, arguments as objects, no ids; errors as `{"error": "..."}`, in a
 * stream too. It streams unless the body says `"stream": false`.
 */
export const ollamaSimulator: ProviderSimulator = {
  protocol: 'ollama',
  streamContentType: 'application/x-ndjson',

  route(call: SimulatedCall) {
    if (!call.path.endsWith('/api/chat')) return undefined;
    const body = typeof call.body === 'object' && call.body !== null ? (call.body as Record<string, unknown>) : {};
    return { stream: body.stream !== false, ...(typeof body.model === 'string' ? { model: body.model } : {}) };
  },

  apiKeyOf(call: SimulatedCall) {
    const header = call.headers.authorization;
    return /^Bearer (.+)$/.exec(Array.isArray(header) ? (header[0] ?? '') : (header ?? ''))?.[1];
  },

  renderResponse(scenario: Scenario, model: string): JsonObject {
    const calls = toolCalls(scenario);
    return doneLine(scenario, scenario.model ?? model, { content: scenario.text ?? '', ...(calls.length > 0 ? { tool_calls: calls } : {}) });
  },

  renderStream(scenario: Scenario, model: string): string[] {
    const name = scenario.model ?? model;
    const line = (message: JsonObject) =>
      `${JSON.stringify({ model: name, created_at: CREATED_AT, message: { role: 'assistant', ...message }, done: false })}\n`;
    const lines = pieces(scenario.text ?? '', scenario.chunkSize ?? 4).map((piece) => line({ content: piece }));
    for (const call of toolCalls(scenario)) lines.push(line({ content: '', tool_calls: [call] }));
    lines.push(`${JSON.stringify(doneLine(scenario, name, { content: '' }))}\n`);
    return lines;
  },

  renderError: (_kind, _status, message) => ({ error: message }),
  renderStreamError: (_kind, message) => `${JSON.stringify({ error: message })}\n`,
};
