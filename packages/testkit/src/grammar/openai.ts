import type { GrammarResult, GrammarValidator } from '@fluxcore/adapter-kit';
import { isObject } from '@fluxcore/message';
import { sseEvents } from './sse-events.js';
import { usageCounts } from './usage-counts.js';

/**
 * Validates a Chat Completions stream against what openai-node (and its `ChatCompletionStream`
 * accumulator) expects: every frame `data: <chunk>` with `object: chat.completion.chunk` and
 * the same id/created/model; the first chunk's delta carries `role: assistant` and no later one
 * does; tool calls keyed by `index`, numbered 0, 1, ... in order of appearance, the first
 * fragment of each carrying `id`, `type: function` and `function.name` and later ones neither;
 * exactly one finish chunk, after which no content arrives; at most one usage chunk, with
 * `choices: []`, after the finish chunk; other chunks' `usage` absent or null; `data: [DONE]`
 * exactly once, last. A stream may instead end with `data: {"error":{...}}` and no `[DONE]`.
 */
export const validateOpenaiStream: GrammarValidator = (wire: string): GrammarResult => {
  const errors: string[] = [];
  const result: GrammarResult = { errors, text: '', reasoning: '', toolCalls: [], endedWithError: false };
  const events = sseEvents(wire, errors);
  let envelope: { id: unknown; created: unknown; model: unknown } | undefined;
  let sawRole = false;
  let finished = false;
  let sawUsageChunk = false;
  let sawDone = false;
  const calls = new Map<number, { id?: string; name: string; arguments: string }>();

  events.forEach((event, n) => {
    const where = `frame ${n}`;
    if (sawDone) errors.push(`${where}: data after [DONE]`);
    if (result.endedWithError) errors.push(`${where}: data after the error frame`);
    if (event.data === '[DONE]') {
      if (sawDone) errors.push(`${where}: second [DONE]`);
      if (!finished) errors.push(`${where}: [DONE] before a finish chunk`);
      sawDone = true;
      return;
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(event.data);
    } catch {
      errors.push(`${where}: data is not JSON`);
      return;
    }
    if (!isObject(chunk)) return void errors.push(`${where}: chunk is not an object`);
    if (chunk.error !== undefined) {
      if (!isObject(chunk.error) || typeof chunk.error.message !== 'string') errors.push(`${where}: error frame without error.message`);
      result.endedWithError = true;
      return;
    }
    if (event.event !== undefined) errors.push(`${where}: unexpected event: line "${event.event}"`);
    if (chunk.object !== 'chat.completion.chunk') errors.push(`${where}: object is ${String(chunk.object)}, expected chat.completion.chunk`);
    if (typeof chunk.id !== 'string' || chunk.id === '') errors.push(`${where}: missing id`);
    if (typeof chunk.created !== 'number') errors.push(`${where}: missing created`);
    if (typeof chunk.model !== 'string') errors.push(`${where}: missing model`);
    if (envelope === undefined) envelope = { id: chunk.id, created: chunk.created, model: chunk.model };
    else if (chunk.id !== envelope.id || chunk.created !== envelope.created || chunk.model !== envelope.model) {
      errors.push(`${where}: id, created or model differs from the first chunk`);
    }
    if (!Array.isArray(chunk.choices)) return void errors.push(`${where}: choices is not an array`);

    if (chunk.choices.length === 0) {
      if (!isObject(chunk.usage)) return void errors.push(`${where}: chunk with no choices and no usage`);
      if (!finished) errors.push(`${where}: usage chunk before the finish chunk`);
      if (sawUsageChunk) errors.push(`${where}: second usage chunk`);
      sawUsageChunk = true;
      const usage = usageCounts(chunk.usage);
      if (usage.total_tokens !== undefined && usage.total_tokens !== (usage.prompt_tokens ?? 0) + (usage.completion_tokens ?? 0)) {
        errors.push(`${where}: total_tokens is not prompt_tokens + completion_tokens`);
      }
      result.usage = usage;
      return;
    }
    if (chunk.usage !== undefined && chunk.usage !== null) errors.push(`${where}: usage on a chunk that has choices`);
    if (sawUsageChunk) errors.push(`${where}: choices after the usage chunk`);
    if (chunk.choices.length !== 1) errors.push(`${where}: expected exactly one choice`);
    const choice = chunk.choices[0];
    if (!isObject(choice) || choice.index !== 0 || !isObject(choice.delta)) return void errors.push(`${where}: choice needs index 0 and a delta object`);
    const delta = choice.delta;
    if (finished) errors.push(`${where}: chunk with choices after the finish chunk`);

    if (!sawRole) {
      if (delta.role !== 'assistant') errors.push(`${where}: first delta has no role "assistant"`);
      sawRole = true;
    } else if (delta.role !== undefined) errors.push(`${where}: role repeated after the first chunk`);

    if (typeof delta.content === 'string') result.text += delta.content;
    else if (delta.content !== undefined && delta.content !== null) errors.push(`${where}: delta.content is not a string`);
    if (typeof delta.reasoning_content === 'string') result.reasoning += delta.reasoning_content;
    if (delta.tool_calls !== undefined) checkToolCalls(delta.tool_calls, calls, where, errors);

    if (choice.finish_reason !== null && choice.finish_reason !== undefined) {
      if (typeof choice.finish_reason !== 'string') errors.push(`${where}: finish_reason is not a string`);
      if (Object.keys(delta).length > 0) errors.push(`${where}: finish chunk delta is not empty`);
      result.finishReason = String(choice.finish_reason);
      finished = true;
    }
  });

  if (!result.endedWithError) {
    if (!sawDone) errors.push('stream does not end with data: [DONE]');
    if (!finished) errors.push('stream has no finish chunk');
  }
  if (events.length === 0) errors.push('stream is empty');
  result.toolCalls = [...calls.values()];
  return result;
};

function checkToolCalls(raw: unknown, calls: Map<number, { id?: string; name: string; arguments: string }>, where: string, errors: string[]): void {
  if (!Array.isArray(raw)) return void errors.push(`${where}: delta.tool_calls is not an array`);
  for (const entry of raw) {
    if (!isObject(entry) || typeof entry.index !== 'number') {
      errors.push(`${where}: tool call fragment without a numeric index`);
      continue;
    }
    const fn = isObject(entry.function) ? entry.function : {};
    const fragment = typeof fn.arguments === 'string' ? fn.arguments : '';
    if (fn.arguments !== undefined && typeof fn.arguments !== 'string') errors.push(`${where}: function.arguments is not a string`);
    const call = calls.get(entry.index);
    if (call === undefined) {
      if (entry.index !== calls.size) errors.push(`${where}: tool call index ${entry.index}, expected ${calls.size}`);
      if (typeof entry.id !== 'string' || entry.id === '') errors.push(`${where}: first fragment of tool call ${entry.index} has no id`);
      if (entry.type !== 'function') errors.push(`${where}: first fragment of tool call ${entry.index} has no type "function"`);
      if (typeof fn.name !== 'string' || fn.name === '') errors.push(`${where}: first fragment of tool call ${entry.index} has no function.name`);
      calls.set(entry.index, {
        ...(typeof entry.id === 'string' ? { id: entry.id } : {}),
        name: typeof fn.name === 'string' ? fn.name : '',
        arguments: fragment,
      });
    } else {
      if (entry.id !== undefined || fn.name !== undefined) errors.push(`${where}: tool call ${entry.index} repeats its id or name`);
      call.arguments += fragment;
    }
  }
}
