import type { GrammarResult, GrammarValidator } from '@fluxcore/adapter-kit';
import { isObject, type JsonObject } from '@fluxcore/message';

/**
 * What Ollama's clients (ollama-js, ollama-python) read from a `/api/chat` stream: one JSON object
 * per line, each `{model, created_at, message: {role: "assistant", content}, done}`, `done: true`
 * exactly once and last, with a `done_reason`; tool calls whole, `{function: {name, arguments}}`
 * with an arguments object. A stream may instead end with `{"error": "..."}`.
 */
export const validateOllamaStream: GrammarValidator = (wire) => {
  const result: GrammarResult = { errors: [], text: '', reasoning: '', toolCalls: [], endedWithError: false };
  if (wire !== '' && !wire.endsWith('\n')) result.errors.push('the stream does not end with a newline');
  const lines = wire.split('\n').filter((line) => line !== '');
  lines.forEach((text, n) => {
    const where = `line ${n}`;
    if (result.endedWithError || result.finishReason !== undefined) result.errors.push(`${where}: a line after the end`);
    let line: unknown;
    try {
      line = JSON.parse(text);
    } catch {
      return result.errors.push(`${where}: not JSON`);
    }
    if (!isObject(line)) return result.errors.push(`${where}: not an object`);
    if (typeof line.error === 'string') return void (result.endedWithError = true);
    readLine(line, where, result);
  });
  if (!result.endedWithError && result.finishReason === undefined) result.errors.push('no done line');
  return result;
};

function readLine(line: JsonObject, where: string, result: GrammarResult): void {
  if (typeof line.model !== 'string' || typeof line.created_at !== 'string') result.errors.push(`${where}: model and created_at must be strings`);
  if (typeof line.done !== 'boolean') result.errors.push(`${where}: done must be a boolean`);
  const message = line.message;
  if (!isObject(message) || message.role !== 'assistant' || typeof message.content !== 'string')
    return void result.errors.push(`${where}: message must be {role: "assistant", content: string}`);
  result.text += message.content;
  if (typeof message.thinking === 'string') result.reasoning += message.thinking;
  for (const call of Array.isArray(message.tool_calls) ? message.tool_calls : []) {
    const fn = isObject(call) ? call.function : undefined;
    if (!isObject(fn) || typeof fn.name !== 'string' || !isObject(fn.arguments))
      result.errors.push(`${where}: a tool call must be {function: {name, arguments: object}}`);
    else result.toolCalls.push({ name: fn.name, arguments: JSON.stringify(fn.arguments) });
  }
  if (line.done !== true) return;
  if (typeof line.done_reason !== 'string') result.errors.push(`${where}: the done line has no done_reason`);
  result.finishReason = String(line.done_reason);
  const usage = Object.fromEntries(['prompt_eval_count', 'eval_count'].flatMap((key) => (typeof line[key] === 'number' ? [[key, line[key]]] : [])));
  if (Object.keys(usage).length > 0) result.usage = usage;
}
