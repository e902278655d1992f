import type { AssistantPart, ChatResponse, JsonObject, JsonValue, TokenUsage, ToolCallPart } from '@fluxcore/message';
import { readCohereUsage, writeCohereUsage } from '../shared/usage.js';
import { isObject, jsonText, leftoverFields, upstreamProtocol } from '../shared/wire-input.js';
import { toCanonicalFinish, toCohereV1Finish } from './finish-reason.js';
import { PROTOCOL } from './names.js';
import { ToolCallIds } from './tool-ids.js';

const RESPONSE_FIELDS = new Set(['text', 'generation_id', 'finish_reason', 'tool_calls']);

/**
 * Parse a Cohere v1 chat response: `text`, then `tool_calls` with derived ids. The id is the
 * `generation_id` (the id the stream's `stream-start` carries too). Everything else
 * (`response_id`, `chat_history`, `citations`, `meta`, ...) is kept in `extras['cohere-v1']`.
 */
export function parseCohereV1Response(body: unknown): ChatResponse {
  if (!isObject(body)) throw upstreamProtocol('response body is not a JSON object');
  if (typeof body.text !== 'string') throw upstreamProtocol('response has no text');
  const calls = readToolCalls(body.tool_calls);
  const content: AssistantPart[] = body.text === '' ? [] : [{ type: 'text', text: body.text }];
  content.push(...calls);
  const raw = typeof body.finish_reason === 'string' ? body.finish_reason : 'COMPLETE';
  const response: ChatResponse = {
    id: typeof body.generation_id === 'string' ? body.generation_id : typeof body.response_id === 'string' ? body.response_id : crypto.randomUUID(),
    model: '',
    content,
    finishReason: toCanonicalFinish(raw, calls.length > 0),
    rawFinishReason: raw,
  };
  const usage = readCohereUsage(body.meta);
  if (usage !== undefined) response.usage = usage;
  const extras = leftoverFields(body, RESPONSE_FIELDS);
  if (extras !== undefined) response.extras = { [PROTOCOL]: extras };
  return response;
}

/** Tool calls of a response or `tool-calls-generation` event, with their derived ids. */
export function readToolCalls(raw: JsonValue | undefined): ToolCallPart[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw upstreamProtocol('tool_calls is not an array');
  const ids = new ToolCallIds();
  return raw.map((call, i) => {
    if (!isObject(call) || typeof call.name !== 'string') throw upstreamProtocol(`tool_calls[${i}] has no name`);
    const parameters = isObject(call.parameters) ? call.parameters : {};
    const args = jsonText(parameters, () => upstreamProtocol(`tool_calls[${i}].parameters is nested too deeply to serialise`));
    return { type: 'tool-call', id: ids.next(call.name, parameters), name: call.name, arguments: args };
  });
}

/** Format an IR answer as a Cohere v1 chat response. Reasoning has no v1 form and is dropped. */
export function formatCohereV1Response(response: ChatResponse): JsonObject {
  const { meta, ...extras } = response.extras?.[PROTOCOL] ?? {};
  const toolCalls = wireToolCalls(response.content);
  const finish = toCohereV1Finish(response.finishReason, response.rawFinishReason, response.stopSequence);
  const body: JsonObject = {
    ...extras,
    text: response.content.map((part) => (part.type === 'text' ? part.text : '')).join(''),
    generation_id: response.id,
    finish_reason: finish,
  };
  if (toolCalls.length > 0) body.tool_calls = toolCalls;
  body.meta = v1Meta(response.usage, isObject(meta) ? meta : undefined);
  return body;
}

/** Complete v1 tool calls. Unparseable arguments cannot be expressed as an object and become `{}`. */
export function wireToolCalls(parts: ReadonlyArray<AssistantPart | { type: 'tool-call'; name: string; arguments: string }>): JsonObject[] {
  const calls: JsonObject[] = [];
  for (const part of parts) {
    if (part.type === 'tool-call') calls.push({ name: part.name, parameters: argumentsObject(part.arguments) });
  }
  return calls;
}

function argumentsObject(text: string): JsonObject {
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** `meta` with the API version, token counts and (when known) the provider's own billed units. */
export function v1Meta(usage: Partial<TokenUsage> | undefined, kept?: JsonObject): JsonObject {
  const meta: JsonObject = { api_version: { version: '1' }, ...kept };
  if (usage === undefined || Object.keys(usage).length === 0) return meta;
  const billed = isObject(kept?.billed_units) ? kept.billed_units : undefined;
  const wire = writeCohereUsage(usage, billed);
  return { ...meta, ...wire };
}
