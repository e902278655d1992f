import type { GrammarResult, GrammarValidator } from '@fluxcore/adapter-kit';
import { isObject } from '@fluxcore/message';
import { sseEvents } from './sse-events.js';
import { usageCounts } from './usage-counts.js';

const FINISH_REASONS = new Set(['COMPLETE', 'STOP_SEQUENCE', 'MAX_TOKENS', 'TOOL_CALL', 'ERROR', 'TIMEOUT']);

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
    if (frame.dataLines > 1) errors.push(`${where}: several data lines (cohere-ai parses each line alone)`);
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
        if (isObject(delta.usage)) result.usage = usageCounts(delta.usage, (path) => errors.push(`usage.${path} is not a number`));
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
