import type { FluxError } from '@fluxcore/errors';
import type { JsonObject, StreamEncoder, StreamEvent, TokenUsage } from '@fluxcore/message';
import { writeCohereUsage } from '../shared/usage.js';
import { FINISH_REASONS } from './finish-reason.js';

/**
 * Serialise one SSE event. Cohere's SDK ends a stream at any data line that contains the
 * substring `[DONE]`, even inside a JSON string, so that substring is written as
 * `\u005bDONE]`: the same JSON value, which no substring check can mistake for the terminator.
 * (`[DONE]` can only occur inside a JSON string: a structural `[` is never followed by `D`.)
 */
export function cohereSseEvent(data: JsonObject): string {
  const json = JSON.stringify(data).replaceAll('[DONE]', '\\u005bDONE]');
  return `event: ${String(data.type)}\ndata: ${json}\n\n`;
}

/**
 * Encodes IR events as a Cohere v2 stream: `message-start`, `content-start/delta/end` for text
 * and thinking (their own index sequence), `tool-call-start/delta/end` (their own index
 * sequence), `message-end` with the finish reason and usage. Redacted reasoning (no text) is
 * not expressible and is skipped.
 */
export class CohereStreamEncoder implements StreamEncoder {
  private started = false;
  private ended = false;
  private contentIndex = 0;
  private toolIndex = 0;
  /** The wire block currently open, or `skip` for a block Cohere cannot express. */
  private open: { kind: 'content' | 'tool'; index: number } | 'skip' | undefined;
  private usage: Partial<TokenUsage> = {};

  encode(event: StreamEvent): string {
    if (this.ended) return '';
    switch (event.type) {
      case 'start':
        return this.start(event.id);
      case 'text-start':
        return this.start() + this.openContent('text');
      case 'reasoning-start':
        if (event.redacted !== undefined) {
          this.open = 'skip';
          return this.start();
        }
        return this.start() + this.openContent('thinking');
      case 'text-delta':
      case 'reasoning-delta':
        return this.contentDelta(event.type === 'text-delta' ? 'text' : 'thinking', event.text);
      case 'tool-call-start':
        return this.start() + this.openTool(event.id, event.name);
      case 'tool-call-delta':
        return this.toolDelta(event.argumentsDelta);
      case 'text-end':
      case 'reasoning-end':
      case 'tool-call-end':
        return this.close();
      case 'usage':
        this.usage = { ...this.usage, ...event.usage };
        return '';
      case 'finish': {
        const delta: JsonObject = { finish_reason: FINISH_REASONS.wire(event.finishReason, event.rawFinishReason, event.stopSequence) };
        const usage = event.usage ?? this.usage;
        if (Object.keys(usage).length > 0) delta.usage = writeCohereUsage(usage);
        return this.end(delta);
      }
    }
  }

  /**
   * Cohere's own in-band error: `message-end` with `finish_reason: "ERROR"` and `error`. The
   * cohere-ai SDK does not throw on it (nor on any in-stream error); a client sees
   * `finishReason: "ERROR"` and the message on the last event, which is the most faithful
   * signal this protocol has. An open block is closed first so the stream stays well formed.
   */
  fail(error: FluxError): string {
    if (this.ended) return '';
    return this.start() + this.end({ finish_reason: 'ERROR', error: error.message });
  }

  private start(id?: string): string {
    if (this.started) return '';
    this.started = true;
    const message = { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] };
    return cohereSseEvent({ id: id ?? crypto.randomUUID(), type: 'message-start', delta: { message } });
  }

  private openContent(type: 'text' | 'thinking'): string {
    const closing = this.close();
    const index = this.contentIndex++;
    this.open = { kind: 'content', index };
    const content: JsonObject = type === 'text' ? { type, text: '' } : { type, thinking: '' };
    return closing + cohereSseEvent({ type: 'content-start', index, delta: { message: { content } } });
  }

  private contentDelta(type: 'text' | 'thinking', text: string): string {
    let prefix = '';
    if (this.open === 'skip') return '';
    if (this.open?.kind !== 'content') prefix = this.openContent(type);
    if (text === '') return prefix;
    const index = (this.open as { index: number }).index;
    const content: JsonObject = type === 'text' ? { text } : { thinking: text };
    return prefix + cohereSseEvent({ type: 'content-delta', index, delta: { message: { content } } });
  }

  private openTool(id: string, name: string): string {
    const closing = this.close();
    const index = this.toolIndex++;
    this.open = { kind: 'tool', index };
    const call = { id, type: 'function', function: { name, arguments: '' } };
    return closing + cohereSseEvent({ type: 'tool-call-start', index, delta: { message: { tool_calls: call } } });
  }

  private toolDelta(fragment: string): string {
    if (this.open === undefined || this.open === 'skip' || this.open.kind !== 'tool' || fragment === '') return '';
    const call = { function: { arguments: fragment } };
    return cohereSseEvent({ type: 'tool-call-delta', index: this.open.index, delta: { message: { tool_calls: call } } });
  }

  private close(): string {
    const block = this.open;
    this.open = undefined;
    if (block === undefined || block === 'skip') return '';
    return cohereSseEvent({ type: block.kind === 'content' ? 'content-end' : 'tool-call-end', index: block.index });
  }

  private end(delta: JsonObject): string {
    const text = this.close() + cohereSseEvent({ type: 'message-end', delta });
    this.ended = true;
    return text;
  }
}
