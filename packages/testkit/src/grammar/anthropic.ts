import type { GrammarResult, GrammarValidator } from '@fluxcore/adapter-kit';
import { isObject, SseDecoder, type JsonObject } from '@fluxcore/message';

type BlockType = 'text' | 'thinking' | 'redacted_thinking' | 'tool_use';

/** Which delta types each block accepts (wire-formats.md §2.3). */
const DELTAS: Readonly<Record<BlockType, readonly string[]>> = {
  text: ['text_delta', 'citations_delta'],
  thinking: ['thinking_delta', 'signature_delta'],
  redacted_thinking: [],
  tool_use: ['input_json_delta'],
};

interface Open {
  type: BlockType;
  index: number;
  json: string;
  toolCall?: { id?: string; name: string; arguments: string };
  signed: boolean;
}

/**
 * Checks an Anthropic Messages SSE stream against what `@anthropic-ai/sdk` expects: every frame
 * has an `event:` line equal to its data's `type` (the SDK drops frames without one);
 * `message_start` first and once; blocks opened, filled and closed one at a time with indices
 * 0, 1, 2 ...; deltas that fit their block (a thinking block's `signature_delta` last);
 * `message_delta` once after the blocks, with a stop reason and `output_tokens`; `message_stop`
 * last. An `error` event ends the stream and must be the last frame. Tool input JSON must parse
 * unless the answer was cut by `max_tokens`, or by the `error` event inside that tool_use block.
 */
export const validateAnthropicStream: GrammarValidator = (wire) => {
  const result: GrammarResult = { errors: [], text: '', reasoning: '', toolCalls: [], endedWithError: false };
  const decoder = new SseDecoder();
  const frames = [...decoder.push(wire), ...decoder.end()];
  const state = { started: false, delta: false, stopped: false, nextIndex: 0, open: undefined as Open | undefined };
  const fail = (message: string) => result.errors.push(message);

  frames.forEach((frame, n) => {
    const where = `frame ${n}`;
    if (result.endedWithError || state.stopped) return void fail(`${where}: ${frame.event ?? 'data'} after the end of the stream`);
    if (frame.event === undefined) return void fail(`${where}: no event line (the SDK drops it)`);
    let data: JsonObject;
    try {
      const parsed: unknown = JSON.parse(frame.data);
      if (!isObject(parsed)) return void fail(`${where}: data is not a JSON object`);
      data = parsed;
    } catch {
      return void fail(`${where}: data is not JSON`);
    }
    if (data.type !== frame.event) fail(`${where}: event "${frame.event}" but data.type ${JSON.stringify(data.type)}`);
    if (frame.event !== 'message_start' && frame.event !== 'error' && frame.event !== 'ping' && !state.started)
      fail(`${where}: ${frame.event} before message_start`);
    switch (frame.event) {
      case 'ping':
        return;
      case 'error':
        result.endedWithError = true;
        if (!isObject(data.error) || typeof data.error.type !== 'string' || typeof data.error.message !== 'string')
          fail(`${where}: error without error.type and error.message`);
        return;
      case 'message_start':
        return messageStart(data, where);
      case 'content_block_start':
        return blockStart(data, where);
      case 'content_block_delta':
        return blockDelta(data, where);
      case 'content_block_stop':
        return blockStop(data, where);
      case 'message_delta':
        return messageDelta(data, where);
      case 'message_stop':
        if (!state.delta) fail(`${where}: message_stop before message_delta`);
        state.stopped = true;
        return;
      default:
        fail(`${where}: unknown event ${frame.event}`);
    }
  });
  if (!state.stopped && !result.endedWithError) fail('stream ended without message_stop or error');
  if (state.open !== undefined && !result.endedWithError) fail(`block ${state.open.index} never stopped`);
  const cutShort = result.finishReason === 'max_tokens';
  // The error signal may cut the open block short: its input is expected to be incomplete.
  const cutByError = result.endedWithError ? state.open?.toolCall : undefined;
  for (const call of result.toolCalls) {
    if (call === cutByError) continue;
    if (call.arguments !== '' && !cutShort && !parsesAsObject(call.arguments))
      fail(`tool_use ${call.name}: input JSON does not parse to an object: ${call.arguments}`);
  }
  return result;

  function messageStart(data: JsonObject, where: string): void {
    if (state.started) return void fail(`${where}: second message_start`);
    state.started = true;
    const message = isObject(data.message) ? data.message : undefined;
    if (message === undefined) return void fail(`${where}: message_start without message`);
    if (typeof message.id !== 'string' || message.type !== 'message' || message.role !== 'assistant' || typeof message.model !== 'string') {
      fail(`${where}: message_start.message needs id, type "message", role "assistant" and model`);
    }
    if (!Array.isArray(message.content) || message.content.length > 0) fail(`${where}: message_start.message.content must be []`);
    if (!isObject(message.usage) || typeof message.usage.input_tokens !== 'number' || typeof message.usage.output_tokens !== 'number') {
      fail(`${where}: message_start.message.usage needs input_tokens and output_tokens`);
    } else mergeUsage(message.usage);
  }

  function blockStart(data: JsonObject, where: string): void {
    if (state.delta) fail(`${where}: content_block_start after message_delta`);
    if (state.open !== undefined) fail(`${where}: block ${state.open.index} still open`);
    if (data.index !== state.nextIndex) fail(`${where}: index ${JSON.stringify(data.index)}, expected ${state.nextIndex}`);
    const block = isObject(data.content_block) ? data.content_block : {};
    const type = block.type as BlockType;
    const open: Open = { type, index: state.nextIndex++, json: '', signed: false };
    switch (block.type) {
      case 'text':
        if (block.text !== '') fail(`${where}: a text block starts with text ""`);
        break;
      case 'thinking':
        if (block.thinking !== '' || typeof block.signature !== 'string') fail(`${where}: a thinking block starts with thinking "" and a signature string`);
        break;
      case 'redacted_thinking':
        if (typeof block.data !== 'string') fail(`${where}: redacted_thinking without data`);
        break;
      case 'tool_use':
        if (typeof block.id !== 'string' || typeof block.name !== 'string' || !isObject(block.input)) fail(`${where}: tool_use needs id, name and input {}`);
        open.toolCall = { ...(typeof block.id === 'string' ? { id: block.id } : {}), name: String(block.name), arguments: '' };
        if (isObject(block.input) && Object.keys(block.input).length > 0) open.toolCall.arguments = JSON.stringify(block.input);
        result.toolCalls.push(open.toolCall);
        break;
      default:
        fail(`${where}: unknown content block type ${JSON.stringify(block.type)}`);
    }
    state.open = open;
  }

  function blockDelta(data: JsonObject, where: string): void {
    const open = state.open;
    if (open === undefined || data.index !== open.index)
      return void fail(`${where}: delta for index ${JSON.stringify(data.index)}, which is not the open block`);
    const delta = isObject(data.delta) ? data.delta : {};
    if (!(DELTAS[open.type] ?? []).includes(String(delta.type))) return void fail(`${where}: ${String(delta.type)} in a ${open.type} block`);
    if (open.signed) fail(`${where}: ${String(delta.type)} after signature_delta`);
    switch (delta.type) {
      case 'text_delta':
        result.text += expectString(delta.text, `${where}: text_delta.text`);
        return;
      case 'thinking_delta':
        result.reasoning += expectString(delta.thinking, `${where}: thinking_delta.thinking`);
        return;
      case 'signature_delta':
        expectString(delta.signature, `${where}: signature_delta.signature`);
        open.signed = true;
        return;
      case 'input_json_delta':
        if (open.toolCall !== undefined) open.toolCall.arguments += expectString(delta.partial_json, `${where}: input_json_delta.partial_json`);
        return;
    }
  }

  function blockStop(data: JsonObject, where: string): void {
    if (state.open === undefined || data.index !== state.open.index)
      return void fail(`${where}: stop for index ${JSON.stringify(data.index)}, which is not the open block`);
    state.open = undefined;
  }

  function messageDelta(data: JsonObject, where: string): void {
    if (state.delta) fail(`${where}: second message_delta`);
    if (state.open !== undefined) fail(`${where}: message_delta while block ${state.open.index} is open`);
    state.delta = true;
    const delta = isObject(data.delta) ? data.delta : {};
    if (typeof delta.stop_reason !== 'string') fail(`${where}: message_delta.delta.stop_reason must be a string`);
    else result.finishReason = delta.stop_reason;
    if (delta.stop_reason === 'stop_sequence' && typeof delta.stop_sequence !== 'string') fail(`${where}: stop_reason stop_sequence without the stop_sequence`);
    if (!isObject(data.usage) || typeof data.usage.output_tokens !== 'number') fail(`${where}: message_delta.usage.output_tokens must be a number`);
    else mergeUsage(data.usage);
  }

  function mergeUsage(usage: JsonObject): void {
    for (const [key, value] of Object.entries(usage)) {
      if (typeof value === 'number') result.usage = { ...result.usage, [key]: value };
    }
  }

  function expectString(value: unknown, what: string): string {
    if (typeof value === 'string') return value;
    fail(`${what} must be a string`);
    return '';
  }
};

function parsesAsObject(text: string): boolean {
  try {
    return isObject(JSON.parse(text));
  } catch {
    return false;
  }
}
