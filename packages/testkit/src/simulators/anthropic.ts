import type { ProviderSimulator, Scenario, ScenarioUsage, SimulatedCall, SimulatedErrorKind } from '@fluxcore/adapter-kit';
import type { JsonObject } from '@fluxcore/message';
import { bearerKey, bodyRoute, headerOf } from './request-reading.js';
import { finishOf, pieces, usageOf } from './scenario-reading.js';

/**
 * Anthropic Messages as the API sends it (wire-formats.md §2), written by hand: `POST
 * /v1/messages`, key in `x-api-key` (or `Authorization: Bearer`), SSE frames that each carry an
 * `event:` line, a `ping` after the first block starts, input usage in `message_start` and
 * output usage in `message_delta`. A scenario without `usage` reports 10 input / 5 output tokens.
 */
export const anthropicSimulator: ProviderSimulator = {
  protocol: 'anthropic',
  streamContentType: 'text/event-stream',

  route(call: SimulatedCall) {
    return bodyRoute(call, /(^|\/)v1\/messages$/);
  },

  apiKeyOf(call: SimulatedCall) {
    return headerOf(call, 'x-api-key') ?? bearerKey(call);
  },

  renderResponse(scenario: Scenario, model: string): JsonObject {
    const stopReason = stopReasonOf(scenario);
    const response: JsonObject = {
      id: scenario.id ?? 'msg_sim_01',
      type: 'message',
      role: 'assistant',
      model: scenario.model ?? model,
      content: blocksOf(scenario),
      stop_reason: stopReason,
      stop_sequence: null,
    };
    const usage = usageOf(scenario);
    if (usage !== undefined) response.usage = { ...inputUsage(usage), output_tokens: usage.outputTokens, service_tier: 'standard' };
    return response;
  },

  renderStream(scenario: Scenario, model: string): string[] {
    const size = Math.max(1, scenario.chunkSize ?? 4);
    const usage = usageOf(scenario);
    const frames: string[] = [];
    const message: JsonObject = {
      id: scenario.id ?? 'msg_sim_01',
      type: 'message',
      role: 'assistant',
      model: scenario.model ?? model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
    };
    if (usage !== undefined) message.usage = { ...inputUsage(usage), output_tokens: 1 };
    frames.push(sse('message_start', { type: 'message_start', message }));
    let index = 0;
    const block = (start: JsonObject, deltas: JsonObject[]): void => {
      frames.push(sse('content_block_start', { type: 'content_block_start', index, content_block: start }));
      if (index === 0) frames.push(sse('ping', { type: 'ping' }));
      for (const delta of deltas) frames.push(sse('content_block_delta', { type: 'content_block_delta', index, delta }));
      frames.push(sse('content_block_stop', { type: 'content_block_stop', index }));
      index++;
    };
    if (scenario.reasoning !== undefined) {
      const deltas: JsonObject[] = pieces(scenario.reasoning.text, size).map((thinking) => ({ type: 'thinking_delta', thinking }));
      deltas.push({ type: 'signature_delta', signature: scenario.reasoning.signature ?? 'sim-signature' });
      block({ type: 'thinking', thinking: '', signature: '' }, deltas);
    }
    if (scenario.text !== undefined) {
      block(
        { type: 'text', text: '' },
        pieces(scenario.text, size).map((text) => ({ type: 'text_delta', text })),
      );
    }
    (scenario.toolCalls ?? []).forEach((call, i) => {
      const json = JSON.stringify(call.arguments);
      const deltas = [
        { type: 'input_json_delta', partial_json: '' },
        ...pieces(json, size).map((partial_json) => ({ type: 'input_json_delta', partial_json })),
      ];
      block({ type: 'tool_use', id: call.id ?? `toolu_sim_${i}`, name: call.name, input: {} }, deltas);
    });
    const delta: JsonObject = { type: 'message_delta', delta: { stop_reason: stopReasonOf(scenario), stop_sequence: null } };
    if (usage !== undefined) delta.usage = { output_tokens: usage.outputTokens };
    frames.push(sse('message_delta', delta));
    frames.push(sse('message_stop', { type: 'message_stop' }));
    return frames;
  },

  renderError(kind: SimulatedErrorKind, _status: number, message: string): JsonObject {
    return { type: 'error', error: { type: ERROR_TYPES[kind], message }, request_id: 'req_sim_01' };
  },

  renderStreamError(kind: SimulatedErrorKind, message: string): string {
    return sse('error', { type: 'error', error: { type: ERROR_TYPES[kind], message } });
  },
};

const ERROR_TYPES: Readonly<Record<SimulatedErrorKind, string>> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  rate_limit: 'rate_limit_error',
  overloaded: 'overloaded_error',
  server: 'api_error',
  request_too_large: 'request_too_large',
};

const STOP_REASONS = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', content_filter: 'refusal' } as const;

function stopReasonOf(scenario: Scenario): string {
  return STOP_REASONS[finishOf(scenario)];
}

function blocksOf(scenario: Scenario): JsonObject[] {
  const blocks: JsonObject[] = [];
  if (scenario.reasoning !== undefined) {
    blocks.push({ type: 'thinking', thinking: scenario.reasoning.text, signature: scenario.reasoning.signature ?? 'sim-signature' });
  }
  if (scenario.text !== undefined) blocks.push({ type: 'text', text: scenario.text });
  (scenario.toolCalls ?? []).forEach((call, i) => blocks.push({ type: 'tool_use', id: call.id ?? `toolu_sim_${i}`, name: call.name, input: call.arguments }));
  return blocks;
}

/** Anthropic's `input_tokens` excludes the cache; the scenario's input includes it. */
function inputUsage(usage: ScenarioUsage): JsonObject {
  const read = usage.cachedInputTokens ?? 0;
  const write = usage.cacheWriteTokens ?? 0;
  return { input_tokens: usage.inputTokens - read - write, cache_creation_input_tokens: write, cache_read_input_tokens: read };
}

function sse(event: string, data: JsonObject): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
