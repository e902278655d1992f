import type { AssistantPart, ChatResponse, JsonObject, TokenUsage } from '@fluxcore/message';
import { toDoneReason, toFinishReason } from './finish-reason.js';
import { argumentsObject, isObject, upstreamProtocol } from './wire.js';

/** Ollama's token counts (`prompt_eval_count`, `eval_count`) as IR usage, when it sent them. */
export function readUsage(line: JsonObject): TokenUsage | undefined {
  const input = line.prompt_eval_count;
  const output = line.eval_count;
  if (typeof input !== 'number' && typeof output !== 'number') return undefined;
  return { inputTokens: typeof input === 'number' ? input : 0, outputTokens: typeof output === 'number' ? output : 0 };
}

/** The tool calls of a wire `message`, each with arguments as JSON text. */
export function readToolCalls(message: JsonObject): Array<{ name: string; arguments: string }> {
  if (!Array.isArray(message.tool_calls)) return [];
  return message.tool_calls.map((call, i) => {
    const fn = isObject(call) ? call.function : undefined;
    if (!isObject(fn) || typeof fn.name !== 'string') throw upstreamProtocol(`message.tool_calls[${i}] has no function name`);
    const args = fn.arguments ?? {};
    return { name: fn.name, arguments: typeof args === 'string' ? args : JSON.stringify(args) };
  });
}

/** Unix seconds from Ollama's RFC 3339 `created_at` (nanosecond digits and all). */
export function readCreated(line: JsonObject): number | undefined {
  const millis = typeof line.created_at === 'string' ? Date.parse(line.created_at) : Number.NaN;
  return Number.isNaN(millis) ? undefined : Math.floor(millis / 1000);
}

/** A non-streamed `/api/chat` answer in the IR. Ollama sends no id: one is made up. */
export function parseOllamaResponse(body: unknown): ChatResponse {
  if (!isObject(body) || !isObject(body.message)) throw upstreamProtocol('the answer has no message object');
  const message = body.message;
  const content: AssistantPart[] = [];
  if (typeof message.thinking === 'string' && message.thinking !== '') content.push({ type: 'reasoning', text: message.thinking });
  if (typeof message.content === 'string' && message.content !== '') content.push({ type: 'text', text: message.content });
  const calls = readToolCalls(message);
  calls.forEach((call, i) => content.push({ type: 'tool-call', id: `ollama_call_${i}`, ...call }));
  const doneReason = typeof body.done_reason === 'string' ? body.done_reason : undefined;
  const response: ChatResponse = {
    id: `ollama-${crypto.randomUUID()}`,
    model: typeof body.model === 'string' ? body.model : '',
    content,
    finishReason: toFinishReason(doneReason, calls.length > 0),
  };
  const created = readCreated(body);
  if (created !== undefined) response.created = created;
  if (doneReason !== undefined) response.rawFinishReason = doneReason;
  const usage = readUsage(body);
  if (usage !== undefined) response.usage = usage;
  return response;
}

/** A complete answer as Ollama's non-streamed `/api/chat` body, for Ollama clients. */
export function formatOllamaResponse(response: ChatResponse): JsonObject {
  const calls: JsonObject[] = [];
  let text = '';
  let thinking = '';
  for (const part of response.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') thinking += part.text;
    else calls.push({ function: { name: part.name, arguments: argumentsObject(part.arguments) } });
  }
  const message: JsonObject = { role: 'assistant', content: text };
  if (thinking !== '') message.thinking = thinking;
  if (calls.length > 0) message.tool_calls = calls;
  const created = response.created === undefined ? new Date() : new Date(response.created * 1000);
  const body: JsonObject = { model: response.model, created_at: created.toISOString(), message, done: true, done_reason: toDoneReason(response.finishReason) };
  if (response.usage !== undefined) {
    body.prompt_eval_count = response.usage.inputTokens;
    body.eval_count = response.usage.outputTokens;
  }
  return body;
}
