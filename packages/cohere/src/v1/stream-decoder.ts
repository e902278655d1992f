import { isObject, NdjsonDecoder, type JsonObject, type StreamEvent } from '@fluxcore/message';
import { readJsonFrame, RepeatedJsonReader, type JsonFrameReader, type JsonSlot } from '@fluxcore/message/internal';
import { badUpstream, inBandError } from '../shared/errors.js';
import { CohereStreamDecoderBase } from '../shared/stream-decoder.js';
import { parseStreamLine } from '../shared/stream-frame.js';
import { toCanonicalFinish } from './finish-reason.js';
import { readToolCalls } from './tool-calls.js';

/**
 * Decodes a Cohere v1 NDJSON stream into IR events. `tool-calls-chunk` argument fragments are
 * previews: the calls are emitted whole from `tool-calls-generation`, so their ids (derived
 * from name + parameters) equal the non-streamed ones. A plan streamed as `tool-calls-chunk`
 * text is text. `stream-end` with `ERROR` throws a classified FluxError; a stream without
 * `stream-end` throws `upstream_protocol`.
 */
export class CohereV1StreamDecoder extends CohereStreamDecoderBase<string> {
  private sawText = false;
  private sawToolCalls = false;

  /** `reader` reads the lines that need no JSON.parse (tests pass one that reads none, to compare). */
  constructor(private readonly reader: JsonFrameReader = repeatedTextReader()) {
    super(new NdjsonDecoder(), 'stream-end');
  }

  protected onFrame(line: string, out: StreamEvent[]): void {
    if (this.finished) throw badUpstream('stream', 'no line after stream-end');
    this.apply(readJsonFrame(this.reader, line, parseStreamLine), out);
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
        return this.streamEnd(data, out);
      default:
        // search-queries-generation, search-results, citation-generation, debug.
        return;
    }
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

  private streamEnd(data: JsonObject, out: StreamEvent[]): void {
    const response = isObject(data.response) ? data.response : {};
    const raw = typeof data.finish_reason === 'string' ? data.finish_reason : typeof response.finish_reason === 'string' ? response.finish_reason : 'COMPLETE';
    if (raw === 'ERROR') throw inBandError(typeof data.error === 'string' ? data.error : 'the model reported an error (finish_reason ERROR)', 'ERROR');
    this.start(out);
    this.finish(out, toCanonicalFinish(raw, this.sawToolCalls), raw, response.meta);
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
