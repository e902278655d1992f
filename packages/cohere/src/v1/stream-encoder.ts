import type { FluxError } from '@fluxcore/errors';
import type { JsonObject, StreamEncoder, StreamEvent, TokenUsage } from '@fluxcore/message';
import { toCohereV1Finish } from './finish-reason.js';
import { wireToolCalls } from './tool-calls.js';
import { v1Meta } from './usage.js';

/** One NDJSON line; every v1 event carries `is_finished` and `event_type` first. */
function line(eventType: string, fields: JsonObject, isFinished = false): string {
  return `${JSON.stringify({ is_finished: isFinished, event_type: eventType, ...fields })}\n`;
}

/**
 * Encodes IR events as a Cohere v1 NDJSON stream: `stream-start`, `text-generation`,
 * `tool-calls-chunk` (the name when a call starts; its parameters when it ends, since argument
 * fragments are buffered until v1's whole parameter object is known), then at the end
 * `tool-calls-generation` with the complete calls and `stream-end` with the full response and
 * `meta`. Arguments that are not a JSON object become `{}` (v1 cannot express them).
 * Reasoning has no v1 form and is dropped.
 */
export class CohereV1StreamEncoder implements StreamEncoder {
  private id: string = crypto.randomUUID();
  private started = false;
  private ended = false;
  private text = '';
  private readonly calls: Array<{ type: 'tool-call'; name: string; arguments: string }> = [];
  private usage: Partial<TokenUsage> = {};

  encode(event: StreamEvent): string {
    if (this.ended) return '';
    switch (event.type) {
      case 'start':
        if (event.id !== undefined && !this.started) this.id = event.id;
        return this.start();
      case 'text-delta':
        if (event.text === '') return this.start();
        this.text += event.text;
        return this.start() + line('text-generation', { text: event.text });
      case 'tool-call-start':
        this.calls.push({ type: 'tool-call', name: event.name, arguments: '' });
        return this.start() + line('tool-calls-chunk', { tool_call_delta: { index: this.calls.length - 1, name: event.name } });
      case 'tool-call-delta': {
        const call = this.calls.at(-1);
        if (call !== undefined) call.arguments += event.argumentsDelta;
        return '';
      }
      case 'tool-call-end':
        return this.parametersChunk();
      case 'usage':
        this.usage = { ...this.usage, ...event.usage };
        return '';
      case 'finish': {
        const response = this.response(toCohereV1Finish(event.finishReason, event.rawFinishReason, event.stopSequence), event.usage ?? this.usage);
        const generation = this.calls.length > 0 ? line('tool-calls-generation', { tool_calls: wireToolCalls(this.calls) }) : '';
        const finish = toCohereV1Finish(event.finishReason, event.rawFinishReason, event.stopSequence, true);
        return this.start() + generation + this.end(finish, response);
      }
      default:
        return this.start();
    }
  }

  /**
   * v1's in-band error: `stream-end` with `finish_reason: "ERROR"` (plus the message in an
   * `error` field, which the SDK passes through). The SDK does not throw on it; the client sees
   * the ERROR finish reason on the last event.
   */
  fail(error: FluxError): string {
    if (this.ended) return '';
    return this.start() + this.end('ERROR', this.response('ERROR', this.usage), error.message);
  }

  private parametersChunk(): string {
    const call = this.calls.at(-1);
    if (call === undefined) return '';
    const parameters = JSON.stringify(wireToolCalls([call])[0]!.parameters);
    return line('tool-calls-chunk', { tool_call_delta: { index: this.calls.length - 1, parameters } });
  }

  private start(): string {
    if (this.started) return '';
    this.started = true;
    return line('stream-start', { generation_id: this.id });
  }

  private response(finishReason: string, usage: Partial<TokenUsage>): JsonObject {
    const response: JsonObject = { response_id: this.id, text: this.text, generation_id: this.id, chat_history: [], finish_reason: finishReason };
    if (this.calls.length > 0) response.tool_calls = wireToolCalls(this.calls);
    response.meta = v1Meta(usage);
    return response;
  }

  private end(finishReason: string, response: JsonObject, error?: string): string {
    this.ended = true;
    const fields: JsonObject = { finish_reason: finishReason, response };
    if (error !== undefined) fields.error = error;
    return line('stream-end', fields, true);
  }
}
