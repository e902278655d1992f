import type { ProviderSimulator, Scenario, SimulatedCall, SimulatedErrorKind } from '@fluxcore/adapter-kit';
import type { JsonObject } from '@fluxcore/message';
import { cohereUsage } from './cohere-usage.js';
import { bearerKey, bodyRoute } from './request-reading.js';
import { finishOf, pieces, usageOf } from './scenario-reading.js';

/**
 * Cohere Chat v1 as the API sends it (wire-formats.md §4.2), written by hand: `POST /v1/chat`,
 * `Authorization: Bearer`, newline-delimited JSON streams (no SSE framing), every event with
 * `is_finished` and `event_type`. Tool calls have no ids; text that comes with tool calls is
 * the plan (streamed as `tool-calls-chunk` text); a tool turn ends `COMPLETE`. v1 has no
 * reasoning output, so a scenario's reasoning is not rendered. Usage lives in `meta`
 * (`stream-end.response.meta` when streaming). A scenario without `usage` reports 10 in / 5 out.
 */
export const cohereV1Simulator: ProviderSimulator = {
  protocol: 'cohere-v1',
  streamContentType: 'application/stream+json',

  route(call: SimulatedCall) {
    return bodyRoute(call, /(^|\/)v1\/chat$/);
  },

  apiKeyOf: bearerKey,

  renderResponse(scenario: Scenario): JsonObject {
    return responseOf(scenario, finishReason(scenario));
  },

  renderStream(scenario: Scenario): string[] {
    const size = Math.max(1, scenario.chunkSize ?? 4);
    const calls = scenario.toolCalls ?? [];
    const frames = [line({ is_finished: false, event_type: 'stream-start', generation_id: generationId(scenario) })];
    for (const piece of pieces(scenario.text ?? '', size)) {
      frames.push(
        calls.length === 0
          ? line({ is_finished: false, event_type: 'text-generation', text: piece })
          : line({ is_finished: false, event_type: 'tool-calls-chunk', text: piece }),
      );
    }
    calls.forEach((call, index) => {
      frames.push(line({ is_finished: false, event_type: 'tool-calls-chunk', tool_call_delta: { index, name: call.name } }));
      for (const piece of pieces(JSON.stringify(call.arguments), size)) {
        frames.push(line({ is_finished: false, event_type: 'tool-calls-chunk', tool_call_delta: { index, parameters: piece } }));
      }
    });
    if (calls.length > 0) {
      const generation: JsonObject = { is_finished: false, event_type: 'tool-calls-generation', tool_calls: toolCallsOf(scenario) };
      if (scenario.text !== undefined) generation.text = scenario.text;
      frames.push(line(generation));
    }
    const finish = finishReason(scenario);
    frames.push(line({ is_finished: true, event_type: 'stream-end', finish_reason: finish, response: responseOf(scenario, finish) }));
    return frames;
  },

  renderError(_kind: SimulatedErrorKind, _status: number, message: string): JsonObject {
    return { message };
  },

  /** v1 reports a failure mid-stream as `stream-end` with `finish_reason: "ERROR"`; the message has no documented field. */
  renderStreamError(): string {
    return line({
      is_finished: true,
      event_type: 'stream-end',
      finish_reason: 'ERROR',
      response: { text: '', generation_id: 'sim-generation', finish_reason: 'ERROR' },
    });
  },
};

const FINISH = { stop: 'COMPLETE', length: 'MAX_TOKENS', tool_calls: 'COMPLETE', content_filter: 'ERROR_TOXIC' } as const;

function finishReason(scenario: Scenario): string {
  return FINISH[finishOf(scenario)];
}

function generationId(scenario: Scenario): string {
  return scenario.id ?? '5a1e0000-0000-4000-8000-000000000001';
}

function toolCallsOf(scenario: Scenario): JsonObject[] {
  return (scenario.toolCalls ?? []).map((call) => ({ name: call.name, parameters: call.arguments }));
}

function responseOf(scenario: Scenario, finish: string): JsonObject {
  const response: JsonObject = {
    response_id: 'a11ce000-0000-4000-8000-000000000001',
    text: scenario.text ?? '',
    generation_id: generationId(scenario),
    chat_history: [],
    finish_reason: finish,
  };
  if (scenario.toolCalls?.length) response.tool_calls = toolCallsOf(scenario);
  const usage = usageOf(scenario);
  response.meta = { api_version: { version: '1' }, ...(usage === undefined ? {} : cohereUsage(usage)) };
  return response;
}

function line(data: JsonObject): string {
  return `${JSON.stringify(data)}\n`;
}
