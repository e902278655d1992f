import type { ProviderSimulator, Scenario, ScenarioUsage, SimulatedCall, SimulatedErrorKind } from '@fluxcore/adapter-kit';
import type { JsonObject } from '@fluxcore/message';
import { bearerKey, bodyRoute, headerOf } from './request-reading.js';
import { finishOf, usageOf } from './scenario-reading.js';

const DEFAULT_ID = 'chatcmpl-sim0001';
const CREATED = 1_770_000_000;
const FINGERPRINT = 'fp_sim01';

function usageBody(usage: ScenarioUsage): JsonObject {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: {
      cached_tokens: usage.cachedInputTokens ?? 0,
      audio_tokens: 0,
      ...(usage.cacheWriteTokens === undefined ? {} : { cache_write_tokens: usage.cacheWriteTokens }),
    },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

const DEFAULT_USAGE: ScenarioUsage = { inputTokens: 12, outputTokens: 7 };

function callId(scenario: Scenario, index: number): string {
  return scenario.toolCalls?.[index]?.id ?? `call_sim${index}`;
}

/** By UTF-16 units, unlike the other simulators: a surrogate pair may be split between two deltas. */
function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const ERROR_SHAPES: Readonly<Record<SimulatedErrorKind, { type: string; code: string | null }>> = {
  invalid_request: { type: 'invalid_request_error', code: null },
  authentication: { type: 'invalid_request_error', code: 'invalid_api_key' },
  permission: { type: 'invalid_request_error', code: 'unsupported_country_region_territory' },
  not_found: { type: 'invalid_request_error', code: 'model_not_found' },
  rate_limit: { type: 'tokens', code: 'rate_limit_exceeded' },
  overloaded: { type: 'server_error', code: 'overloaded' },
  server: { type: 'server_error', code: null },
  request_too_large: { type: 'invalid_request_error', code: 'request_too_large' },
};

/**
 * Simulated OpenAI Chat Completions service (and OpenAI-compatible ones), written from
 * wire-formats.md §1. Streams look like recorded ones: a role delta with `content:""` and
 * `refusal:null`, `obfuscation` padding, `usage:null` on every chunk, a finish chunk with
 * `delta:{}`, then a usage-only chunk (`choices:[]`) and `[DONE]`. The usage chunk is always
 * sent, as OpenAI does when asked with `stream_options.include_usage` (fluxcore always asks).
 * Reasoning is rendered the DeepSeek way, as `reasoning_content`, since OpenAI itself sends none.
 */
export const openaiSimulator: ProviderSimulator = {
  protocol: 'openai',
  streamContentType: 'text/event-stream',

  route(call: SimulatedCall) {
    return bodyRoute(call, /\/chat\/completions$/);
  },

  apiKeyOf(call: SimulatedCall) {
    return bearerKey(call) ?? headerOf(call, 'api-key');
  },

  renderResponse(scenario: Scenario, model: string): JsonObject {
    const message: JsonObject = { role: 'assistant', content: scenario.text ?? null, refusal: null, annotations: [] };
    if (scenario.reasoning !== undefined) message.reasoning_content = scenario.reasoning.text;
    if (scenario.toolCalls !== undefined && scenario.toolCalls.length > 0) {
      message.tool_calls = scenario.toolCalls.map((call, i) => ({
        id: callId(scenario, i),
        type: 'function',
        function: { name: call.name, arguments: JSON.stringify(call.arguments) },
      }));
    }
    const body: JsonObject = {
      id: scenario.id ?? DEFAULT_ID,
      object: 'chat.completion',
      created: CREATED,
      model: scenario.model ?? model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishOf(scenario) }],
      service_tier: 'default',
      system_fingerprint: FINGERPRINT,
    };
    const usage = usageOf(scenario, DEFAULT_USAGE);
    if (usage !== undefined) body.usage = usageBody(usage);
    return body;
  },

  renderStream(scenario: Scenario, model: string): string[] {
    const envelope = {
      id: scenario.id ?? DEFAULT_ID,
      object: 'chat.completion.chunk',
      created: CREATED,
      model: scenario.model ?? model,
      service_tier: 'default',
      system_fingerprint: FINGERPRINT,
    };
    const size = scenario.chunkSize ?? 4;
    let pad = 0;
    const frame = (delta: JsonObject, finish: string | null = null): string =>
      `data: ${JSON.stringify({ ...envelope, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null, obfuscation: 'x'.repeat(++pad % 7) })}\n\n`;

    const frames = [frame({ role: 'assistant', content: '', refusal: null })];
    for (const piece of pieces(scenario.reasoning?.text ?? '', size)) frames.push(frame({ reasoning_content: piece }));
    for (const piece of pieces(scenario.text ?? '', size)) frames.push(frame({ content: piece }));
    (scenario.toolCalls ?? []).forEach((call, index) => {
      frames.push(frame({ tool_calls: [{ index, id: callId(scenario, index), type: 'function', function: { name: call.name, arguments: '' } }] }));
      for (const piece of pieces(JSON.stringify(call.arguments), size)) {
        frames.push(frame({ tool_calls: [{ index, function: { arguments: piece } }] }));
      }
    });
    frames.push(frame({}, finishOf(scenario)));
    const usage = usageOf(scenario, DEFAULT_USAGE);
    if (usage !== undefined) frames.push(`data: ${JSON.stringify({ ...envelope, choices: [], usage: usageBody(usage), obfuscation: 'pad' })}\n\n`);
    frames.push('data: [DONE]\n\n');
    return frames;
  },

  renderError(kind: SimulatedErrorKind, _status: number, message: string): JsonObject {
    const shape = ERROR_SHAPES[kind];
    return { error: { message, type: shape.type, param: null, code: shape.code } };
  },

  renderStreamError(kind: SimulatedErrorKind, message: string): string {
    const shape = ERROR_SHAPES[kind];
    return `data: ${JSON.stringify({ error: { message, type: shape.type, param: null, code: shape.code } })}\n\n`;
  },
};
