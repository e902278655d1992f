import type { FluxError } from '@fluxcore/errors';
import { encodeSse, type InboundContext, type JsonObject, type StreamEncoder, type StreamEvent, type TokenUsage } from '@fluxcore/message';
import { errorBody } from './errors.js';
import { finishReasonToWire } from './finish-reason.js';
import { generateMessageId } from './ids.js';
import { PROTOCOL } from './own-extras.js';
import { inputUsageToWire, usageToWire } from './usage.js';

type WireBlock = 'text' | 'thinking' | 'redacted_thinking' | 'tool_use';

/**
 * IR events into Anthropic SSE, the grammar the official SDK expects: `message_start` once,
 * `content_block_start`/`_delta`/`_stop` with wire indices 0, 1, 2 ..., `message_delta` with the
 * stop reason and cumulative usage, `message_stop`. Every frame has an `event:` line (the SDK
 * drops frames without one).
 *
 * `message_start` is held until the first block or the finish, so input usage that arrives
 * just after `start` still lands in it. Reasoning another family redacted cannot be shown
 * and is skipped (IR indices are renumbered); thinking gets a `signature_delta` only with an
 * Anthropic signature.
 */
export class AnthropicStreamEncoder implements StreamEncoder {
  private id: string | undefined;
  private model: string | undefined;
  private messageStarted = false;
  private done = false;
  private nextWireIndex = 0;
  /** The open wire block and the IR index it came from. */
  private open: { kind: WireBlock; index: number; wireIndex: number } | undefined;
  private usage: Partial<TokenUsage> = {};

  constructor(private readonly context: InboundContext) {}

  encode(event: StreamEvent): string {
    if (this.done) return '';
    switch (event.type) {
      case 'start':
        this.id = event.id;
        this.model = event.model;
        return '';
      case 'usage':
        this.usage = { ...this.usage, ...event.usage };
        return '';
      case 'text-start':
        return this.startBlock(event.index, { type: 'text', text: '' }, 'text');
      case 'reasoning-start':
        if (event.redacted === undefined) return this.startBlock(event.index, { type: 'thinking', thinking: '', signature: '' }, 'thinking');
        // A block we do not show: nothing opens, so its deltas and end find no open block.
        if (event.redacted.family !== PROTOCOL) return this.closeOpenBlock();
        return this.startBlock(event.index, { type: 'redacted_thinking', data: event.redacted.value }, 'redacted_thinking');
      case 'tool-call-start':
        return this.startBlock(event.index, { type: 'tool_use', id: event.id, name: event.name, input: {} }, 'tool_use');
      case 'text-delta':
        return event.text === '' ? '' : this.delta(event.index, 'text', `{"type":"text_delta","text":${JSON.stringify(event.text)}}`);
      case 'reasoning-delta':
        return event.text === '' ? '' : this.delta(event.index, 'thinking', `{"type":"thinking_delta","thinking":${JSON.stringify(event.text)}}`);
      case 'tool-call-delta':
        return event.argumentsDelta === ''
          ? ''
          : this.delta(event.index, 'tool_use', `{"type":"input_json_delta","partial_json":${JSON.stringify(event.argumentsDelta)}}`);
      case 'reasoning-end': {
        const signed = event.signature?.family === PROTOCOL && this.open?.kind === 'thinking' && this.open.index === event.index;
        const signature = signed ? this.delta(event.index, 'thinking', JSON.stringify({ type: 'signature_delta', signature: event.signature!.value })) : '';
        return signature + this.endBlock(event.index);
      }
      case 'text-end':
      case 'tool-call-end':
        return this.endBlock(event.index);
      case 'finish':
        return this.finish(event);
    }
  }

  fail(error: FluxError): string {
    if (this.done) return '';
    this.done = true;
    return encodeSse(JSON.stringify(errorBody(error)), 'error');
  }

  private frame(type: string, payload: JsonObject = {}): string {
    return sseFrame(type, JSON.stringify({ type, ...payload }));
  }

  private ensureMessageStart(): string {
    if (this.messageStarted) return '';
    this.messageStarted = true;
    const message: JsonObject = {
      id: this.id || generateMessageId(),
      type: 'message',
      role: 'assistant',
      model: this.model || this.context.request.model || '',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...inputUsageToWire(this.usage), output_tokens: 0 },
    };
    return this.frame('message_start', { message });
  }

  private startBlock(index: number, contentBlock: JsonObject, kind: WireBlock): string {
    const closing = this.closeOpenBlock();
    const wireIndex = this.nextWireIndex++;
    this.open = { kind, index, wireIndex };
    return closing + this.ensureMessageStart() + this.frame('content_block_start', { index: wireIndex, content_block: contentBlock });
  }

  /** Stops the open block, if any. */
  private closeOpenBlock(): string {
    return this.open === undefined ? '' : this.endBlock(this.open.index);
  }

  /**
   * A delta for the open block, given as the JSON text of its `delta` (only that part is
   * serialised per event); deltas for a skipped or unknown block are dropped.
   */
  private delta(index: number, kind: WireBlock, deltaJson: string): string {
    if (this.open === undefined || this.open.index !== index || this.open.kind !== kind) return '';
    return sseFrame('content_block_delta', `{"type":"content_block_delta","index":${this.open.wireIndex},"delta":${deltaJson}}`);
  }

  private endBlock(index: number): string {
    if (this.open === undefined || this.open.index !== index) return '';
    const { wireIndex } = this.open;
    this.open = undefined;
    return this.frame('content_block_stop', { index: wireIndex });
  }

  private finish(event: Extract<StreamEvent, { type: 'finish' }>): string {
    if (event.usage !== undefined) this.usage = { ...this.usage, ...event.usage };
    const closing = this.closeOpenBlock();
    const start = this.ensureMessageStart();
    this.done = true;
    const stopReason = finishReasonToWire(event.finishReason, event.rawFinishReason, event.stopSequence);
    const delta = { stop_reason: stopReason, stop_sequence: stopReason === 'stop_sequence' ? (event.stopSequence ?? null) : null };
    return closing + start + this.frame('message_delta', { delta, usage: usageToWire(this.usage) }) + this.frame('message_stop');
  }
}

/**
 * One SSE event as `encodeSse(json, type)` writes it: JSON text never holds a raw line break,
 * so it is one `data:` line, with no search for line breaks.
 */
function sseFrame(type: string, json: string): string {
  return `event: ${type}\ndata: ${json}\n\n`;
}
