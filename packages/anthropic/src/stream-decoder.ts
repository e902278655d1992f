import type { FluxError } from '@fluxcore/errors';
import { expectObject, FramedStreamDecoder, isObject, jsonText, preview, SseDecoder, tryParseJson, upstreamProtocol } from '@fluxcore/message';
import type { JsonObject, SseEvent, StreamEvent } from '@fluxcore/message';
import { readJsonFrame, RepeatedJsonReader, type JsonFrameReader, type JsonSlot } from '@fluxcore/message/internal';
import { streamError } from './errors.js';
import { STOP_REASONS } from './finish-reason.js';
import { PROTOCOL } from './own-extras.js';
import { completeUsage, usageFromWire } from './usage.js';

const fromUpstream = upstreamProtocol(PROTOCOL);

type BlockKind = 'text' | 'reasoning' | 'tool-call' | 'skipped';

interface OpenBlock {
  kind: BlockKind;
  /** The wire index (Anthropic's). */
  wireIndex: number;
  /** The IR index (ours: skipped blocks take none). */
  index: number;
  signature: string;
}

/**
 * Anthropic SSE into IR events. Blocks the IR does not model (`server_tool_use`, web search
 * results) are skipped with their deltas, so IR indices stay contiguous; `citations_delta` is
 * dropped. Usage: input counts from `message_start`, then `message_delta`'s cumulative counts,
 * which win where present. `ping` is ignored; an `error` event throws the classified FluxError.
 */
export class AnthropicStreamDecoder extends FramedStreamDecoder<SseEvent> {
  private started = false;
  private stopped = false;
  private nextWireIndex = 0;
  private nextIndex = 0;
  private block: OpenBlock | undefined;
  /** Wire usage fields merged as they arrive (later values win, field by field). */
  private wireUsage: JsonObject = {};
  private stopReason: string | undefined;
  private stopSequence: string | undefined;

  /** `dataReader` reads the event data that needs no JSON.parse (tests pass one that reads none, to compare). */
  constructor(private readonly dataReader: JsonFrameReader = repeatedDeltaReader()) {
    super(new SseDecoder());
  }

  protected onEnd(): void {
    if (!this.stopped) throw fromUpstream('stream', 'message_stop before the end of the stream (the stream was cut short)');
  }

  protected onFrame(frame: SseEvent, out: StreamEvent[]): void {
    if (frame.event === 'ping' || this.stopped) return;
    const data = readJsonFrame(this.dataReader, frame.data, parseEventData);
    const type = frame.event ?? (typeof data.type === 'string' ? data.type : undefined);
    if (type === 'error') throw streamError(data);
    if (type === 'ping') return;
    if (type !== 'message_start' && !this.started) throw fromUpstream('stream', `message_start first, got ${String(type)}`);
    switch (type) {
      case 'message_start':
        return this.messageStart(data, out);
      case 'content_block_start':
        return this.blockStart(data, out);
      case 'content_block_delta':
        return this.blockDelta(data, out);
      case 'content_block_stop':
        return this.blockStop(data, out);
      case 'message_delta':
        return this.messageDelta(data, out);
      case 'message_stop':
        return this.messageStop(out);
      default:
        // Event types added after this adapter was written carry nothing the IR models.
        return;
    }
  }

  private messageStart(data: JsonObject, out: StreamEvent[]): void {
    if (this.started) throw fromUpstream('stream', 'a single message_start');
    this.started = true;
    const message = isObject(data.message) ? data.message : {};
    out.push({
      type: 'start',
      ...(typeof message.id === 'string' ? { id: message.id } : {}),
      ...(typeof message.model === 'string' ? { model: message.model } : {}),
    });
    // message_start's output_tokens is a placeholder (1); only the input counts are real here.
    const { output_tokens: _placeholder, ...input } = isObject(message.usage) ? message.usage : {};
    this.addUsage(input, out);
  }

  private blockStart(data: JsonObject, out: StreamEvent[]): void {
    const wireIndex = this.expectIndex(data, this.nextWireIndex, 'content_block_start');
    if (this.block !== undefined) throw fromUpstream('content_block_start', `block ${this.block.wireIndex} to stop before block ${wireIndex} starts`);
    this.nextWireIndex++;
    const content = isObject(data.content_block) ? data.content_block : {};
    const open = (kind: BlockKind): OpenBlock => (this.block = { kind, wireIndex, index: kind === 'skipped' ? -1 : this.nextIndex++, signature: '' });
    switch (content.type) {
      case 'text': {
        const { index } = open('text');
        out.push({ type: 'text-start', index });
        if (typeof content.text === 'string' && content.text !== '') out.push({ type: 'text-delta', index, text: content.text });
        return;
      }
      case 'thinking': {
        const block = open('reasoning');
        out.push({ type: 'reasoning-start', index: block.index });
        if (typeof content.thinking === 'string' && content.thinking !== '') out.push({ type: 'reasoning-delta', index: block.index, text: content.thinking });
        if (typeof content.signature === 'string') block.signature = content.signature;
        return;
      }
      case 'redacted_thinking': {
        if (typeof content.data !== 'string') throw fromUpstream(`content_block_start[${wireIndex}].content_block.data`, 'a string');
        const { index } = open('reasoning');
        out.push({ type: 'reasoning-start', index, redacted: { family: PROTOCOL, value: content.data } });
        return;
      }
      case 'tool_use': {
        if (typeof content.id !== 'string' || typeof content.name !== 'string') {
          throw fromUpstream(`content_block_start[${wireIndex}].content_block`, 'a tool_use with string id and name');
        }
        const { index } = open('tool-call');
        out.push({ type: 'tool-call-start', index, id: content.id, name: content.name });
        if (isObject(content.input) && Object.keys(content.input).length > 0) {
          out.push({
            type: 'tool-call-delta',
            index,
            argumentsDelta: jsonText(content.input, `content_block_start[${wireIndex}].content_block.input`, fromUpstream),
          });
        }
        return;
      }
      default:
        open('skipped');
    }
  }

  private blockDelta(data: JsonObject, out: StreamEvent[]): void {
    const block = this.openBlock(data, 'content_block_delta');
    const delta = isObject(data.delta) ? data.delta : {};
    if (block.kind === 'skipped' || delta.type === 'citations_delta') return;
    const index = block.index;
    switch (delta.type) {
      case 'text_delta':
        if (block.kind !== 'text' || typeof delta.text !== 'string') throw deltaMismatch(block, delta);
        if (delta.text !== '') out.push({ type: 'text-delta', index, text: delta.text });
        return;
      case 'thinking_delta':
        if (block.kind !== 'reasoning' || typeof delta.thinking !== 'string') throw deltaMismatch(block, delta);
        if (delta.thinking !== '') out.push({ type: 'reasoning-delta', index, text: delta.thinking });
        return;
      case 'signature_delta':
        if (block.kind !== 'reasoning' || typeof delta.signature !== 'string') throw deltaMismatch(block, delta);
        block.signature += delta.signature;
        return;
      case 'input_json_delta':
        if (block.kind !== 'tool-call' || typeof delta.partial_json !== 'string') throw deltaMismatch(block, delta);
        if (delta.partial_json !== '') out.push({ type: 'tool-call-delta', index, argumentsDelta: delta.partial_json });
        return;
      default:
        return;
    }
  }

  private blockStop(data: JsonObject, out: StreamEvent[]): void {
    const block = this.openBlock(data, 'content_block_stop');
    this.block = undefined;
    const signature = block.signature === '' ? {} : { signature: { family: PROTOCOL, value: block.signature } };
    if (block.kind === 'text') out.push({ type: 'text-end', index: block.index });
    else if (block.kind === 'reasoning') out.push({ type: 'reasoning-end', index: block.index, ...signature });
    else if (block.kind === 'tool-call') out.push({ type: 'tool-call-end', index: block.index });
  }

  private messageDelta(data: JsonObject, out: StreamEvent[]): void {
    const delta = isObject(data.delta) ? data.delta : {};
    if (typeof delta.stop_reason === 'string') this.stopReason = delta.stop_reason;
    if (typeof delta.stop_sequence === 'string') this.stopSequence = delta.stop_sequence;
    this.addUsage(isObject(data.usage) ? data.usage : {}, out);
  }

  private messageStop(out: StreamEvent[]): void {
    if (this.block !== undefined) throw fromUpstream('message_stop', `block ${this.block.wireIndex} to stop first`);
    if (this.stopReason === undefined) throw fromUpstream('message_delta', 'a stop_reason before message_stop');
    this.stopped = true;
    const usage = usageFromWire(this.wireUsage);
    out.push({
      type: 'finish',
      finishReason: STOP_REASONS.canonical(this.stopReason),
      rawFinishReason: this.stopReason,
      ...(this.stopSequence === undefined ? {} : { stopSequence: this.stopSequence }),
      ...(usage === undefined ? {} : { usage: completeUsage(usage) }),
    });
  }

  /** Merge wire counts (null means "not reported") and emit the latest totals. */
  private addUsage(fields: JsonObject, out: StreamEvent[]): void {
    let changed = false;
    for (const [key, value] of Object.entries(fields)) {
      if (value === null || value === undefined) continue;
      this.wireUsage[key] = value;
      changed = true;
    }
    const usage = changed ? usageFromWire(this.wireUsage) : undefined;
    if (usage !== undefined) out.push({ type: 'usage', usage });
  }

  private openBlock(data: JsonObject, event: string): OpenBlock {
    if (this.block === undefined) throw fromUpstream(event, 'an open content block');
    this.expectIndex(data, this.block.wireIndex, event);
    return this.block;
  }

  private expectIndex(data: JsonObject, expected: number, event: string): number {
    if (data.index !== expected) throw fromUpstream(`${event}.index`, `${expected}, got ${preview(data.index)}`);
    return expected;
  }
}

/** A delta of a kind the open block cannot take, or without its text. */
function deltaMismatch(block: OpenBlock, delta: JsonObject): FluxError {
  return fromUpstream(`content_block_delta[${block.wireIndex}].delta`, `a delta for a ${block.kind} block, got ${String(delta.type)}`);
}

/** The delta fields of a `content_block_delta` that hold its text. */
const DELTA_FIELDS = ['text', 'thinking', 'partial_json'];

/**
 * Most events of a stream are `content_block_delta`s of one block, differing only in their
 * text: this reader reads them without JSON.parse ({@link RepeatedJsonReader}), with those
 * fields left open.
 */
export function repeatedDeltaReader(): RepeatedJsonReader {
  return new RepeatedJsonReader(deltaFields);
}

/** The string fields of a `content_block_delta`'s delta that change from event to event. */
function deltaFields(data: JsonObject): JsonSlot[] {
  const delta = data.type === 'content_block_delta' && isObject(data.delta) ? data.delta : undefined;
  if (delta === undefined) return [];
  return DELTA_FIELDS.filter((key) => typeof delta[key] === 'string').map((key) => ({ object: delta, key }));
}

function parseEventData(text: string): JsonObject {
  const data = tryParseJson(text);
  if (data === undefined) throw fromUpstream('stream event data', `JSON, got ${preview(text)}`);
  return expectObject(data, 'stream event data', fromUpstream);
}
