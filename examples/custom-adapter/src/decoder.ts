import { FluxError } from '@fluxcore/errors';
import { NdjsonDecoder, type JsonObject, type StreamDecoder, type StreamEvent } from '@fluxcore/message';
import { toFinishReason } from './finish-reason.js';
import { readCreated, readToolCalls, readUsage } from './response.js';
import { isObject, upstreamProtocol } from './wire.js';

type OpenBlock = { kind: 'text' | 'reasoning'; index: number } | undefined;

/**
 * Decodes Ollama's NDJSON stream into IR events. Every line is a whole JSON object:
 * `message.thinking` and `message.content` fragments, tool calls that arrive whole, and a last
 * line with `"done": true`, `done_reason` and the token counts. A line `{"error": "..."}` (how
 * Ollama fails mid-stream) throws a FluxError; so does a stream that ends before `done`.
 */
export class OllamaStreamDecoder implements StreamDecoder {
  private readonly lines = new NdjsonDecoder();
  private open: OpenBlock;
  private nextIndex = 0;
  private started = false;
  private finished = false;
  private toolCalls = 0;

  push(chunk: Uint8Array): StreamEvent[] {
    return this.handle(this.lines.push(chunk));
  }

  end(): StreamEvent[] {
    const events = this.handle(this.lines.end());
    if (!this.finished) throw upstreamProtocol('the stream ended before a line with "done": true');
    return events;
  }

  private handle(lines: string[]): StreamEvent[] {
    const out: StreamEvent[] = [];
    for (const line of lines) {
      if (this.finished) continue; // Ollama sends nothing after done; ignore anything that does
      this.apply(parseLine(line), out);
    }
    return out;
  }

  private apply(line: JsonObject, out: StreamEvent[]): void {
    if (typeof line.error === 'string') throw new FluxError({ category: 'server', message: `ollama: ${line.error}` });
    if (!this.started) {
      this.started = true;
      const created = readCreated(line);
      out.push({
        type: 'start',
        id: `ollama-${crypto.randomUUID()}`,
        ...(typeof line.model === 'string' ? { model: line.model } : {}),
        ...(created === undefined ? {} : { created }),
      });
    }
    const message = isObject(line.message) ? line.message : {};
    if (typeof message.thinking === 'string' && message.thinking !== '') this.append('reasoning', message.thinking, out);
    if (typeof message.content === 'string' && message.content !== '') this.append('text', message.content, out);
    for (const call of readToolCalls(message)) {
      this.close(out);
      const index = this.nextIndex++;
      // Same ids as parseOllamaResponse gives: ollama_call_0, _1, ... in order.
      out.push({ type: 'tool-call-start', index, id: `ollama_call_${this.toolCalls++}`, name: call.name });
      out.push({ type: 'tool-call-delta', index, argumentsDelta: call.arguments });
      out.push({ type: 'tool-call-end', index });
    }
    if (line.done === true) this.finish(line, out);
  }

  private append(kind: 'text' | 'reasoning', text: string, out: StreamEvent[]): void {
    if (this.open?.kind !== kind) {
      this.close(out);
      this.open = { kind, index: this.nextIndex++ };
      out.push({ type: kind === 'text' ? 'text-start' : 'reasoning-start', index: this.open.index });
    }
    out.push({ type: kind === 'text' ? 'text-delta' : 'reasoning-delta', index: this.open.index, text });
  }

  private close(out: StreamEvent[]): void {
    if (this.open === undefined) return;
    out.push({ type: this.open.kind === 'text' ? 'text-end' : 'reasoning-end', index: this.open.index });
    this.open = undefined;
  }

  private finish(line: JsonObject, out: StreamEvent[]): void {
    this.close(out);
    const doneReason = typeof line.done_reason === 'string' ? line.done_reason : undefined;
    const usage = readUsage(line);
    if (usage !== undefined) out.push({ type: 'usage', usage });
    out.push({
      type: 'finish',
      finishReason: toFinishReason(doneReason, this.toolCalls > 0),
      ...(doneReason === undefined ? {} : { rawFinishReason: doneReason }),
      ...(usage === undefined ? {} : { usage }),
    });
    this.finished = true;
  }
}

function parseLine(line: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (cause) {
    throw upstreamProtocol(`stream line is not JSON: ${line.slice(0, 120)}`, cause);
  }
  if (!isObject(parsed)) throw upstreamProtocol('stream line is not a JSON object');
  return parsed;
}
