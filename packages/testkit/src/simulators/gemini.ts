import type { ProviderSimulator, Scenario, SimulatedCall, SimulatedErrorKind } from '@fluxcore/adapter-kit';
import type { JsonObject } from '@fluxcore/message';
import { finishOf, pieces, usageOf } from './scenario-reading.js';

/**
 * Google Gemini (Developer API, v1beta), written by hand from wire-formats.md §3:
 * `POST /v1beta/models/{model}:generateContent` (also `/v1/`), `:streamGenerateContent?alt=sse`
 * for streams, the key in `x-goog-api-key` (or `?key=`). Function calls carry no ids and come
 * whole; parallel calls share one chunk. Every stream chunk repeats `responseId`,
 * `modelVersion` and running `usageMetadata` totals; `finishReason` is on the last chunk only;
 * there is no `[DONE]`. Reasoning is sent as `thought: true` parts, its signature as the
 * `thoughtSignature` of the last thought part (real Gemini also signs calls and text).
 */
const ROUTE = /^\/v1(?:beta|alpha)?\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

const STATUS: Readonly<Record<SimulatedErrorKind, string>> = {
  invalid_request: 'INVALID_ARGUMENT',
  authentication: 'UNAUTHENTICATED',
  permission: 'PERMISSION_DENIED',
  not_found: 'NOT_FOUND',
  rate_limit: 'RESOURCE_EXHAUSTED',
  overloaded: 'UNAVAILABLE',
  server: 'INTERNAL',
  request_too_large: 'INVALID_ARGUMENT',
};

const IN_STREAM_CODE: Readonly<Record<SimulatedErrorKind, number>> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  rate_limit: 429,
  overloaded: 503,
  server: 500,
  request_too_large: 413,
};

const FINISH: Readonly<Record<NonNullable<Scenario['finish']>, string>> = {
  stop: 'STOP',
  length: 'MAX_TOKENS',
  tool_calls: 'STOP',
  content_filter: 'SAFETY',
};

function usageMetadata(scenario: Scenario): JsonObject | undefined {
  const usage = usageOf(scenario);
  if (usage === undefined) return undefined;
  const thoughts = usage.reasoningTokens ?? 0;
  const metadata: JsonObject = {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: usage.outputTokens - thoughts,
    totalTokenCount: usage.inputTokens + usage.outputTokens,
  };
  if (usage.cachedInputTokens !== undefined) metadata.cachedContentTokenCount = usage.cachedInputTokens;
  if (usage.reasoningTokens !== undefined) metadata.thoughtsTokenCount = usage.reasoningTokens;
  return metadata;
}

function thoughtPart(text: string, signature?: string): JsonObject {
  return signature === undefined ? { text, thought: true } : { text, thought: true, thoughtSignature: signature };
}

function callParts(scenario: Scenario): JsonObject[] {
  return (scenario.toolCalls ?? []).map((call) => ({ functionCall: { name: call.name, args: call.arguments } }));
}

function finishReason(scenario: Scenario): string {
  return FINISH[finishOf(scenario)];
}

function envelope(scenario: Scenario, model: string, parts: JsonObject[], last: boolean, usage: JsonObject | undefined): JsonObject {
  const candidate: JsonObject = { content: { parts, role: 'model' } };
  if (last) candidate.finishReason = finishReason(scenario);
  candidate.index = 0;
  const body: JsonObject = { candidates: [candidate] };
  if (usage !== undefined) body.usageMetadata = usage;
  body.modelVersion = scenario.model ?? model;
  body.responseId = scenario.id ?? 'sim-gemini-response';
  return body;
}

export const geminiSimulator: ProviderSimulator = {
  protocol: 'gemini',
  streamContentType: 'text/event-stream',

  route(call: SimulatedCall) {
    const match = ROUTE.exec(call.path);
    if (match === null) return undefined;
    const stream = match[2] === 'streamGenerateContent';
    return { stream, model: decodeURIComponent(match[1]!) };
  },

  apiKeyOf(call: SimulatedCall) {
    const header = call.headers['x-goog-api-key'];
    if (typeof header === 'string') return header;
    return new URLSearchParams(call.query).get('key') ?? undefined;
  },

  renderResponse(scenario, model) {
    const parts: JsonObject[] = [];
    if (scenario.reasoning !== undefined) parts.push(thoughtPart(scenario.reasoning.text, scenario.reasoning.signature));
    if (scenario.text !== undefined && scenario.text !== '') parts.push({ text: scenario.text });
    parts.push(...callParts(scenario));
    if (parts.length === 0) parts.push({ text: '' });
    return envelope(scenario, model, parts, true, usageMetadata(scenario));
  },

  renderStream(scenario, model) {
    const size = scenario.chunkSize ?? 4;
    const final = usageMetadata(scenario);
    const running = final === undefined ? undefined : { promptTokenCount: final.promptTokenCount ?? 0, totalTokenCount: final.promptTokenCount ?? 0 };
    const partLists: JsonObject[][] = [];
    if (scenario.reasoning !== undefined) {
      const thoughts = pieces(scenario.reasoning.text, size);
      thoughts.forEach((text, i) => partLists.push([thoughtPart(text, i === thoughts.length - 1 ? scenario.reasoning?.signature : undefined)]));
    }
    for (const text of pieces(scenario.text ?? '', size)) partLists.push([{ text }]);
    const calls = callParts(scenario);
    if (calls.length > 0) partLists.push(calls);
    if (partLists.length === 0) partLists.push([{ text: '' }]);
    return partLists.map((parts, i) => {
      const last = i === partLists.length - 1;
      return `data: ${JSON.stringify(envelope(scenario, model, parts, last, last ? final : running))}\r\n\r\n`;
    });
  },

  renderError(kind, status, message) {
    return { error: { code: status, message, status: STATUS[kind] } };
  },

  renderStreamError(kind, message) {
    return `data: ${JSON.stringify({ error: { code: IN_STREAM_CODE[kind], message, status: STATUS[kind] } })}\r\n\r\n`;
  },
};
