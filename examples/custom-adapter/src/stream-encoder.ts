import type { FluxError } from '@fluxcore/errors';
import type { FinishReason, InboundContext, JsonObject, StreamEncoder, StreamEvent, TokenUsage } from '@fluxcore/message';
import { toDoneReason } from './finish-reason.js';
import { wireToolCall } from './tools.js';
import { usageToWire } from './usage.js';

/**
 * Encodes IR events as Ollama's NDJSON stream, one JSON object per line: a line per text or
 * thinking fragment, a line per tool call once its arguments are complete (Ollama sends calls
 * whole, so argument fragments are buffered until the call ends), and a last line with
 * `"done": true`, `done_reason`, the token counts and `total_duration` in nanoseconds. A broken
 * stream ends with Ollama's error line `{"error": "..."}`, which Ollama's clients raise.
 */
export class OllamaStreamEncoder implements StreamEncoder {
  private model: string;
  private readonly startedAt = performance.now();
  private ended = false;
  private call: { name: string; arguments: string } | undefined;
  private usage: Partial<TokenUsage> = {};

  constructor(context: InboundContext) {
    this.model = context.request.model ?? '';
  }

  encode(event: StreamEvent): string {
    if (this.ended) return '';
    switch (event.type) {
      case 'start':
        if (event.model !== undefined) this.model = event.model;
        return '';
      case 'text-delta':
        return event.text === '' ? '' : this.line({ role: 'assistant', content: event.text });
      case 'reasoning-delta':
        return event.text === '' ? '' : this.line({ role: 'assistant', content: '', thinking: event.text });
      case 'tool-call-start':
        this.call = { name: event.name, arguments: '' };
        return '';
      case 'tool-call-delta':
        if (this.call !== undefined) this.call.arguments += event.argumentsDelta;
        return '';
      case 'tool-call-end':
        return this.toolCallLine();
      case 'usage':
        this.usage = { ...this.usage, ...event.usage };
        return '';
      case 'finish':
        return this.finish(event.finishReason, event.usage ?? this.usage);
      default:
        return '';
    }
  }

  fail(error: FluxError): string {
    if (this.ended) return '';
    this.ended = true;
    return `${JSON.stringify({ error: error.message })}\n`;
  }

  private toolCallLine(): string {
    const call = this.call;
    this.call = undefined;
    if (call === undefined) return '';
    return this.line({ role: 'assistant', content: '', tool_calls: [wireToolCall(call.name, call.arguments)] });
  }

  private finish(finishReason: FinishReason, usage: Partial<TokenUsage>): string {
    this.ended = true;
    const fields: JsonObject = {
      done_reason: toDoneReason(finishReason),
      total_duration: Math.round((performance.now() - this.startedAt) * 1e6),
      ...usageToWire(usage),
    };
    return this.line({ role: 'assistant', content: '' }, true, fields);
  }

  private line(message: JsonObject, done = false, fields: JsonObject = {}): string {
    return `${JSON.stringify({ model: this.model, created_at: new Date().toISOString(), message, done, ...fields })}\n`;
  }
}
