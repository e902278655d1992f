import { NdjsonDecoder, type FinishEvent, type JsonObject, type StreamDecoder, type StreamEvent } from '@fluxcore/message';
import { RepeatedJsonReader, type JsonFrameReader, type JsonSlot } from '@fluxcore/message/internal';
import { BlockTracker } from '../shared/block-tracker.js';
import { inBandError } from '../shared/errors.js';
import { readCohereUsage } from '../shared/usage.js';
import { isObject, parseStreamFrame, upstreamProtocol } from '../shared/wire-input.js';
import { toCanonicalFinish } from './finish-reason.js';
import { readToolCalls } from './tool-calls.js';

/**
 * Decodes a Cohere v1 NDJSON stream into IR events. `tool-calls-chunk` argument fragments are
 * previews: the calls are emitted whole from `tool-calls-generation`, so their ids (derived
 * from name + parameters) equal the non-streamed ones. A plan streamed as `tool-calls-chunk`
 * text is text. `stream-end` with `ERROR` throws a classified FluxError; a stream without
 * `stream-end` throws `upstream_protocol`.
 */
export class CohereV1StreamDecoder implements StreamDecoder {
  private readonly lines = new NdjsonDecoder();
  private readonly blocks = new BlockTracker();
  private started = false;
  private finished = false;
  private sawText = false;
  private sawToolCalls = false;

  /** `frames` reads the lines that need no JSON.parse (tests pass one that reads none, to compare). */
  constructor(private readonly frames: JsonFrameReader = repeatedTextReader()) {}

  push(chunk: Uint8Array | string): StreamEvent[] {
    return this.handle(this.lines.push(chunk));
  }

  /** The next chunk as text already decoded from UTF-8 (`StreamDecoder.pushText`). */
  pushText(text: string): StreamEvent[] {
    return this.push(text);
  }

  end(): StreamEvent[] {
    const events = this.handle(this.lines.end());
    if (!this.finished) throw upstreamProtocol('stream ended before stream-end');
    return events;
  }

  private handle(lines: string[]): StreamEvent[] {
    const out: StreamEvent[] = [];
    for (const line of lines) {
      if (this.finished) throw upstreamProtocol('event after stream-end');
      this.apply(parseStreamFrame(line, 'line', this.frames), out);
    }
    return out;
  }

  private apply(data: JsonObject, out: StreamEvent[]): void {
    switch (data.event_type) {
      case 'stream-start':
        return this.start(out, typeof data.generation_id === 'string' ? data.generation_id : undefined);
      case 'text-generation':
        return this.text(data.text, out);
      case 'tool-calls-chunk':
        // Only the plan text is used; argument fragments arrive again whole in tool-calls-generation.
        return this.text(data.text ?? (isObject(data.tool_call_delta) ? data.tool_call_delta.text : undefined), out);
      case 'tool-calls-generation':
        return this.toolCalls(data, out);
      case 'stream-end':
        return this.finish(data, out);
      default:
        // search-queries-generation, search-results, citation-generation, debug.
        return;
    }
  }

  private start(out: StreamEvent[], id?: string): void {
    if (this.started) return;
    this.started = true;
    out.push(id === undefined ? { type: 'start' } : { type: 'start', id });
  }

  private text(text: unknown, out: StreamEvent[]): void {
    this.start(out);
    if (typeof text !== 'string' || text === '') return;
    this.sawText = true;
    this.blocks.appendText('text', text, out);
  }

  private toolCalls(data: JsonObject, out: StreamEvent[]): void {
    if (!this.sawText) this.text(data.text, out);
    this.start(out);
    for (const call of readToolCalls(data.tool_calls)) {
      const index = this.blocks.startToolCall(call.id, call.name, out);
      out.push({ type: 'tool-call-delta', index, argumentsDelta: call.arguments });
      this.sawToolCalls = true;
    }
    this.blocks.close(out);
  }

  private finish(data: JsonObject, out: StreamEvent[]): void {
    const response = isObject(data.response) ? data.response : {};
    const raw = typeof data.finish_reason === 'string' ? data.finish_reason : typeof response.finish_reason === 'string' ? response.finish_reason : 'COMPLETE';
    if (raw === 'ERROR') throw inBandError(typeof data.error === 'string' ? data.error : 'the model reported an error (finish_reason ERROR)', 'ERROR');
    this.start(out);
    this.blocks.close(out);
    const finish: FinishEvent = { type: 'finish', finishReason: toCanonicalFinish(raw, this.sawToolCalls), rawFinishReason: raw };
    const usage = readCohereUsage(response.meta);
    if (usage !== undefined) {
      out.push({ type: 'usage', usage });
      finish.usage = usage;
    }
    out.push(finish);
    this.finished = true;
  }
}

/**
 * Most lines of a stream are `text-generation` events differing only in their text: this reader
 * reads them without JSON.parse ({@link RepeatedJsonReader}), with `text` left open.
 */
export function repeatedTextReader(): RepeatedJsonReader {
  return new RepeatedJsonReader(textField);
}

function textField(data: JsonObject): JsonSlot[] {
  return typeof data.text === 'string' ? [{ object: data, key: 'text' }] : [];
}
