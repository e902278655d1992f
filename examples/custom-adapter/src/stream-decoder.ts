import { FluxError } from '@fluxcore/errors';
import { expectObject, FieldReader, FramedStreamDecoder, NdjsonDecoder, preview, tryParseJson, type JsonObject, type StreamEvent } from '@fluxcore/message';
import { invalidUpstream } from './errors.js';
import { toFinishReason } from './finish-reason.js';
import { answerCallId, responseId } from './ids.js';
import { readCreated } from './parse-response.js';
import { readToolCalls } from './tools.js';
import { usageFromWire } from './usage.js';

type OpenBlock = { kind: 'text' | 'reasoning'; index: number } | undefined;

/**
 * Decodes Ollama's NDJSON stream into IR events. Every line is a whole JSON object:
 * `message.thinking` and `message.content` fragments, tool calls that arrive whole, and a last
 * line with `"done": true`, `done_reason` and the token counts. A line `{"error": "..."}` (how
 * Ollama fails mid-stream) throws a FluxError; so does a stream that ends before `done`.
 */
export class OllamaStreamDecoder extends FramedStreamDecoder<string> {
  private open: OpenBlock;
  private nextIndex = 0;
  private started = false;
  private finished = false;
  private toolCalls = 0;

  constructor() {
    super(new NdjsonDecoder());
  }

  protected onFrame(line: string, out: StreamEvent[]): void {
    if (this.finished) return; // Ollama sends nothing after done; ignore anything that does
    const frame = new FieldReader(parseLine(line), 'stream line', invalidUpstream);
    const error = frame.string('error');
    if (error !== undefined) throw new FluxError({ category: 'server', message: `ollama: ${error}` });
    if (!this.started) this.start(frame, out);
    const message = frame.reader('message');
    if (message !== undefined) this.content(message, out);
    if (frame.boolean('done') === true) this.finish(frame, out);
  }

  protected onEnd(): void {
    if (!this.finished) throw invalidUpstream('stream', 'a line with "done": true before the stream ends');
  }

  private start(frame: FieldReader, out: StreamEvent[]): void {
    this.started = true;
    const model = frame.string('model');
    const created = readCreated(frame);
    out.push({ type: 'start', id: responseId(), ...(model === undefined ? {} : { model }), ...(created === undefined ? {} : { created }) });
  }

  private content(message: FieldReader, out: StreamEvent[]): void {
    const thinking = message.string('thinking');
    if (thinking !== undefined && thinking !== '') this.append('reasoning', thinking, out);
    const text = message.string('content');
    if (text !== undefined && text !== '') this.append('text', text, out);
    for (const call of readToolCalls(message, invalidUpstream)) {
      this.close(out);
      const index = this.nextIndex++;
      // The ids parseOllamaResponse gives, in the same order.
      out.push({ type: 'tool-call-start', index, id: answerCallId(this.toolCalls++), name: call.name });
      out.push({ type: 'tool-call-delta', index, argumentsDelta: call.arguments });
      out.push({ type: 'tool-call-end', index });
    }
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

  private finish(frame: FieldReader, out: StreamEvent[]): void {
    this.close(out);
    const doneReason = frame.string('done_reason');
    const usage = usageFromWire(frame.object);
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
  const parsed = tryParseJson(line);
  if (parsed === undefined) throw invalidUpstream('stream line', `JSON, got ${preview(line)}`);
  return expectObject(parsed, 'stream line', invalidUpstream);
}
