import type { GrammarResult, GrammarValidator } from '@fluxcore/adapter-kit';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const FINISH_REASONS = new Set(['COMPLETE', 'STOP_SEQUENCE', 'MAX_TOKENS', 'TOOL_CALL', 'ERROR', 'TIMEOUT']);

/** Split SSE text into events. cohere-ai parses every `data:` line on its own, so multi-line data is an error. */
function sseEvents(wire: string, errors: string[]): Array<{ event?: string; data: string }> {
  const events: Array<{ event?: string; data: string }> = [];
  for (const block of wire.replace(/\r\n?/g, '\n').split('\n\n')) {
    if (block.trim() === '') continue;
    const data: string[] = [];
    let event: string | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      else if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (!line.startsWith(':') && line !== '') errors.push(`unexpected SSE line: ${line.slice(0, 80)}`);
    }
    if (data.length > 1) errors.push(`event ${events.length}: several data lines (cohere-ai parses each line alone)`);
    if (data.length > 0) events.push({ ...(event === undefined ? {} : { event }), data: data.join('\n') });
  }
  if (wire.length > 0 && !wire.endsWith('\n\n')) errors.push('stream does not end with a blank line');
  return events;
}

function flattenUsage(usage: Json, errors: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(usage)) {
    if (typeof value === 'number') out[key] = value;
    else if (isObject(value)) {
      for (const [inner, n] of Object.entries(value)) {
        if (typeof n === 'number') out[`${key}.${inner}`] = n;
        else if (n !== null) errors.push(`usage.${key}.${inner} is not a number`);
      }
    }
  }
  return out;
}

/**
 * Validates a Cohere Chat v2 stream against what cohere-ai's `chatStream` consumes: SSE events
 * whose `event:` line equals the JSON `type`, one `data:` line each; `message-start` first and
 * once; content blocks (`content-start`/`-delta`/`-end`, type text or thinking) numbered 0, 1,
 * ... and tool calls (`tool-call-start`/`-delta`/`-end`, `tool_calls` an object with id,
 * `type: function` and a name on start) numbered 0, 1, ... on their own; one block open at a
 * time and every block closed; `tool-plan-delta` outside blocks and before the first tool call;
 * `message-end` exactly once and last, with a known finish reason and numeric usage. No data
 * line may contain the substring `[DONE]` (the SDK stops reading there) except a terminator
 * after `message-end`. `finish_reason: ERROR` with `error` is Cohere's in-band error signal.
 */
export const validateCohereStream: GrammarValidator = (wire: string): GrammarResult => {
  const errors: string[] = [];
  const result: GrammarResult = { errors, text: '', reasoning: '', toolCalls: [], endedWithError: false };
  let started = false;
  let ended = false;
  let nextContent = 0;
  let nextTool = 0;
  let open: { kind: 'content'; index: number; type: string } | { kind: 'tool'; index: number } | undefined;

  sseEvents(wire, errors).forEach((frame, n) => {
    const where = `event ${n}`;
    if (frame.data.includes('[DONE]')) {
      if (!ended || frame.data.trim() !== '[DONE]') errors.push(`${where}: data contains "[DONE]", which ends the cohere-ai stream early`);
      return;
    }
    if (ended) return void errors.push(`${where}: event after message-end`);
    let data: unknown;
    try {
      data = JSON.parse(frame.data);
    } catch {
      return void errors.push(`${where}: data is not JSON`);
    }
    if (!isObject(data) || typeof data.type !== 'string') return void errors.push(`${where}: data has no type`);
    if (frame.event !== data.type) errors.push(`${where}: event line "${frame.event ?? ''}" differs from type "${data.type}"`);
    if (!started && data.type !== 'message-start') errors.push(`${where}: ${data.type} before message-start`);
    const delta = isObject(data.delta) ? data.delta : {};
    const message = isObject(delta.message) ? delta.message : {};
    switch (data.type) {
      case 'message-start':
        if (started) errors.push(`${where}: second message-start`);
        started = true;
        break;
      case 'content-start': {
        if (open !== undefined) errors.push(`${where}: content-start while block ${open.kind} ${open.index} is open`);
        if (data.index !== nextContent) errors.push(`${where}: content index ${String(data.index)}, expected ${nextContent}`);
        const content = isObject(message.content) ? message.content : {};
        if (content.type !== 'text' && content.type !== 'thinking') errors.push(`${where}: content-start type must be text or thinking`);
        open = { kind: 'content', index: nextContent++, type: String(content.type) };
        break;
      }
      case 'content-delta': {
        if (open?.kind !== 'content' || data.index !== open.index) return void errors.push(`${where}: content-delta for a block that is not open`);
        const content = isObject(message.content) ? message.content : {};
        const text = open.type === 'thinking' ? content.thinking : content.text;
        if (typeof text !== 'string') return void errors.push(`${where}: content-delta without ${open.type === 'thinking' ? 'thinking' : 'text'}`);
        if (open.type === 'thinking') result.reasoning += text;
        else result.text += text;
        break;
      }
      case 'content-end':
        if (open?.kind !== 'content' || data.index !== open.index) errors.push(`${where}: content-end for a block that is not open`);
        open = undefined;
        break;
      case 'tool-plan-delta':
        if (open !== undefined) errors.push(`${where}: tool-plan-delta inside an open block`);
        if (nextTool > 0) errors.push(`${where}: tool-plan-delta after a tool call`);
        if (typeof message.tool_plan !== 'string') errors.push(`${where}: tool-plan-delta without tool_plan`);
        else result.text += message.tool_plan;
        break;
      case 'tool-call-start': {
        if (open !== undefined) errors.push(`${where}: tool-call-start while block ${open.kind} ${open.index} is open`);
        if (data.index !== nextTool) errors.push(`${where}: tool call index ${String(data.index)}, expected ${nextTool}`);
        const call = message.tool_calls;
        if (!isObject(call)) return void errors.push(`${where}: tool_calls must be an object in stream events`);
        const fn = isObject(call.function) ? call.function : {};
        if (typeof call.id !== 'string' || call.id === '') errors.push(`${where}: tool call without id`);
        if (call.type !== 'function') errors.push(`${where}: tool call type must be "function"`);
        if (typeof fn.name !== 'string' || fn.name === '') errors.push(`${where}: tool call without function name`);
        result.toolCalls.push({ id: String(call.id), name: String(fn.name), arguments: typeof fn.arguments === 'string' ? fn.arguments : '' });
        open = { kind: 'tool', index: nextTool++ };
        break;
      }
      case 'tool-call-delta': {
        if (open?.kind !== 'tool' || data.index !== open.index) return void errors.push(`${where}: tool-call-delta for a call that is not open`);
        const call = isObject(message.tool_calls) ? message.tool_calls : {};
        const fn = isObject(call.function) ? call.function : {};
        if (typeof fn.arguments !== 'string') return void errors.push(`${where}: tool-call-delta without arguments`);
        result.toolCalls[open.index]!.arguments += fn.arguments;
        break;
      }
      case 'tool-call-end':
        if (open?.kind !== 'tool' || data.index !== open.index) errors.push(`${where}: tool-call-end for a call that is not open`);
        open = undefined;
        break;
      case 'message-end': {
        if (open !== undefined) errors.push(`${where}: message-end while block ${open.kind} ${open.index} is open`);
        ended = true;
        const reason = delta.finish_reason;
        if (typeof reason !== 'string' || !FINISH_REASONS.has(reason)) errors.push(`${where}: unknown finish_reason ${String(reason)}`);
        else result.finishReason = reason;
        if (isObject(delta.usage)) result.usage = flattenUsage(delta.usage, errors);
        if (reason === 'ERROR' || typeof delta.error === 'string') result.endedWithError = true;
        break;
      }
      case 'citation-start':
      case 'citation-end':
      case 'debug':
        break;
      default:
        errors.push(`${where}: unknown event type ${data.type}`);
    }
  });
  if (!started) errors.push('no message-start');
  if (!ended) errors.push('no message-end: the stream ended without its terminal event');
  return result;
};
