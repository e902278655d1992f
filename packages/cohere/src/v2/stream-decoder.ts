import { isObject, SseDecoder, type JsonObject, type SseEvent, type StreamEvent } from '@fluxcore/message';
import { readJsonFrame, RepeatedJsonReader, type JsonFrameReader, type JsonSlot } from '@fluxcore/message/internal';
import { badUpstream, inBandError } from '../shared/errors.js';
import { parseStreamEvent } from '../shared/stream-frame.js';
import { CohereStreamDecoderBase } from '../shared/stream-decoder.js';
import { FINISH_REASONS } from './finish-reason.js';

/**
 * Decodes a Cohere v2 SSE stream into IR events. The JSON `type` names the event (the
 * `event:` line repeats it). `tool-plan-delta` becomes text; citations and debug events are
 * skipped; a `message-end` that reports an error, or an `event: error`, throws a classified
 * FluxError; a stream that stops before `message-end` throws `upstream_protocol`.
 */
export class CohereStreamDecoder extends CohereStreamDecoderBase<SseEvent> {
  /** `reader` reads the events that need no JSON.parse (tests pass one that reads none, to compare). */
  constructor(private readonly reader: JsonFrameReader = repeatedDeltaReader()) {
    super(new SseDecoder(), 'message-end');
  }

  protected onFrame(frame: SseEvent, out: StreamEvent[]): void {
    if (this.finished || frame.data.trim() === '[DONE]') return;
    const data = readJsonFrame(this.reader, frame.data, parseStreamEvent);
    if (frame.event === 'error' || data.type === 'error') throw inBandError(errorText(data), 'error');
    this.apply(data, out);
  }

  private apply(data: JsonObject, out: StreamEvent[]): void {
    const delta = isObject(data.delta) ? data.delta : {};
    const message = isObject(delta.message) ? delta.message : {};
    switch (data.type) {
      case 'message-start':
        this.start(out, typeof data.id === 'string' ? data.id : undefined);
        return;
      case 'content-start':
        this.start(out);
        this.blocks.startContent(isObject(message.content) && message.content.type === 'thinking' ? 'reasoning' : 'text', out);
        return this.contentDelta(message, out);
      case 'content-delta':
        this.start(out);
        return this.contentDelta(message, out);
      case 'content-end':
      case 'tool-call-end':
        this.blocks.close(out);
        return;
      case 'tool-plan-delta':
        this.start(out);
        if (typeof message.tool_plan === 'string' && message.tool_plan !== '') this.blocks.appendText('text', message.tool_plan, out);
        return;
      case 'tool-call-start':
        this.start(out);
        return this.toolCallStart(message, typeof data.index === 'number' ? data.index : 0, out);
      case 'tool-call-delta':
        return this.toolCallDelta(message, out);
      case 'message-end':
        this.start(out);
        return this.messageEnd(delta, out);
      default:
        // citation-start/end, debug and future event types carry nothing the IR models.
        return;
    }
  }

  private contentDelta(message: JsonObject, out: StreamEvent[]): void {
    const content = isObject(message.content) ? message.content : {};
    if (typeof content.thinking === 'string' && content.thinking !== '') this.blocks.appendText('reasoning', content.thinking, out);
    if (typeof content.text === 'string' && content.text !== '') this.blocks.appendText('text', content.text, out);
  }

  private toolCallStart(message: JsonObject, wireIndex: number, out: StreamEvent[]): void {
    const call = isObject(message.tool_calls) ? message.tool_calls : undefined;
    const fn = call !== undefined && isObject(call.function) ? call.function : undefined;
    if (call === undefined || fn === undefined || typeof fn.name !== 'string')
      throw badUpstream('tool-call-start.delta.message.tool_calls.function.name', 'a string');
    const index = this.blocks.startToolCall(typeof call.id === 'string' ? call.id : `${fn.name}_${wireIndex}`, fn.name, out);
    if (typeof fn.arguments === 'string' && fn.arguments !== '') out.push({ type: 'tool-call-delta', index, argumentsDelta: fn.arguments });
  }

  private toolCallDelta(message: JsonObject, out: StreamEvent[]): void {
    if (this.blocks.openKind !== 'tool-call') throw badUpstream('tool-call-delta', 'an open tool call (after tool-call-start)');
    const call = isObject(message.tool_calls) ? message.tool_calls : {};
    const fn = isObject(call.function) ? call.function : {};
    if (typeof fn.arguments === 'string' && fn.arguments !== '') {
      out.push({ type: 'tool-call-delta', index: this.blocks.openIndex, argumentsDelta: fn.arguments });
    }
  }

  private messageEnd(delta: JsonObject, out: StreamEvent[]): void {
    if (typeof delta.error === 'string' && delta.error !== '') throw inBandError(delta.error, 'message-end');
    const raw = typeof delta.finish_reason === 'string' ? delta.finish_reason : undefined;
    if (raw === 'ERROR') throw inBandError('the model reported an error (finish_reason ERROR)', 'ERROR');
    this.finish(out, raw === undefined ? 'other' : FINISH_REASONS.canonical(raw), raw, delta.usage);
  }
}

function errorText(data: JsonObject): string {
  if (typeof data.message === 'string') return data.message;
  if (typeof data.error === 'string') return data.error;
  return 'stream error event';
}

/**
 * Most events of a stream are `content-delta`s (or `tool-plan-delta`s, `tool-call-delta`s)
 * differing only in their text: this reader reads them without JSON.parse
 * ({@link RepeatedJsonReader}), with those text fields left open.
 */
export function repeatedDeltaReader(): RepeatedJsonReader {
  return new RepeatedJsonReader(deltaFields);
}

function deltaFields(data: JsonObject): JsonSlot[] {
  const message = isObject(data.delta) && isObject(data.delta.message) ? data.delta.message : undefined;
  if (message === undefined) return [];
  const slots: JsonSlot[] = [];
  const content = isObject(message.content) ? message.content : undefined;
  if (content !== undefined) for (const key of ['text', 'thinking']) if (typeof content[key] === 'string') slots.push({ object: content, key });
  if (typeof message.tool_plan === 'string') slots.push({ object: message, key: 'tool_plan' });
  const fn = isObject(message.tool_calls) && isObject(message.tool_calls.function) ? message.tool_calls.function : undefined;
  if (fn !== undefined && typeof fn.arguments === 'string') slots.push({ object: fn, key: 'arguments' });
  return slots;
}
