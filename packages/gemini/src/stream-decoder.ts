import { FluxError } from '@fluxcore/errors';
import {
  FramedStreamDecoder,
  isObject,
  jsonText,
  SseDecoder,
  type FieldReader,
  type FinishReason,
  type JsonObject,
  type OpaqueSignature,
  type SseEvent,
  type StreamDecoder,
  type StreamEvent,
  type TokenUsage,
} from '@fluxcore/message';
import { readJsonFrame, RepeatedJsonReader, type JsonFrameReader, type JsonSlot } from '@fluxcore/message/internal';
import { camelFields, camelRecord, expectCamelObject } from './camel-keys.js';
import { geminiErrorFromBody, invalidUpstream } from './errors.js';
import { blockReasonOf, fromGeminiFinishReason, PROMPT_BLOCKED } from './finish-reason.js';
import { generateToolCallId } from './ids.js';
import { geminiSignature } from './signature.js';
import { fromUsageMetadata } from './usage.js';

/**
 * Gemini `alt=sse` chunks -> IR events. Each chunk is a whole GenerateContentResponse with
 * only the new parts; text runs become one block until a part of another kind or a
 * `thoughtSignature` (which Gemini puts on the last part of a run) ends it. Function calls
 * arrive whole, several per chunk when parallel, without ids: they get the same generated ids
 * as the non-streamed answer. `usageMetadata` holds running totals (the last one wins).
 * The finish event is sent with the chunk that carries both `finishReason` and `usageMetadata`
 * (the API's last chunk), so an upstream that then holds the connection open has still
 * finished; otherwise at the end of the stream. Nothing after the finish is read.
 */
export class GeminiStreamDecoder extends FramedStreamDecoder<SseEvent> {
  private started = false;
  private open: { kind: 'text' | 'reasoning'; index: number } | undefined;
  private nextIndex = 0;
  private responseId = '';
  private callPosition = 0;
  private sawToolCall = false;
  private rawFinishReason: string | undefined;
  private blockReason: string | undefined;
  private usage: TokenUsage | undefined;
  private finished = false;

  /** `chunks` reads the chunks that need no JSON.parse (tests pass one that reads none, to compare). */
  constructor(private readonly chunks: JsonFrameReader) {
    super(new SseDecoder());
  }

  protected onEnd(events: StreamEvent[]): void {
    if (this.finished) return;
    if (!this.started) throw protocolError('the stream ended before any chunk');
    if (this.rawFinishReason === undefined && this.blockReason === undefined) throw protocolError('the stream ended without a finishReason (truncated)');
    this.finish(events);
  }

  private finish(events: StreamEvent[]): void {
    this.finished = true;
    this.close(events);
    const finish: StreamEvent = { type: 'finish', finishReason: this.finishReason(), rawFinishReason: (this.rawFinishReason ?? this.blockReason)! };
    if (this.usage !== undefined) finish.usage = this.usage;
    events.push(finish);
  }

  private finishReason(): FinishReason {
    if (this.rawFinishReason === undefined) return PROMPT_BLOCKED;
    return fromGeminiFinishReason(this.rawFinishReason, this.sawToolCall);
  }

  protected onFrame({ data }: SseEvent, events: StreamEvent[]): void {
    if (this.finished || data.trim() === '' || data.trim() === '[DONE]') return;
    const chunk = readJsonFrame(this.chunks, data, parseChunk);
    if (isObject(chunk.error)) throw geminiErrorFromBody(chunk, 200);
    const top = camelFields(chunk, '', invalidUpstream);
    if (!this.started) {
      this.started = true;
      this.responseId = top.string('responseId') ?? '';
      const start: StreamEvent = { type: 'start' };
      if (this.responseId !== '') start.id = this.responseId;
      const model = top.string('modelVersion');
      if (model !== undefined) start.model = model;
      events.push(start);
    }
    const candidate = top.array('candidates')?.[0];
    const finishReason = candidate === undefined ? undefined : this.candidate(candidate, events);
    this.blockReason = blockReasonOf(top) ?? this.blockReason;
    const usage = fromUsageMetadata(top.raw('usageMetadata'), invalidUpstream);
    if (usage !== undefined) {
      this.usage = usage;
      events.push({ type: 'usage', usage });
    }
    if (finishReason !== undefined && usage !== undefined) this.finish(events);
  }

  /** Decode the first candidate; returns the finishReason it carries, if any. */
  private candidate(value: unknown, events: StreamEvent[]): string | undefined {
    const candidate = expectCamelObject(value, 'candidates[0]', invalidUpstream, 'a Candidate object');
    const parts = camelRecord(candidate, 'content')?.array('parts') ?? [];
    parts.forEach((part, i) => {
      this.part(expectCamelObject(part, `candidates[0].content.parts[${i}]`, invalidUpstream, 'a Part object'), events);
    });
    const finishReason = candidate.string('finishReason');
    this.rawFinishReason = finishReason ?? this.rawFinishReason;
    return finishReason;
  }

  private part(part: FieldReader, events: StreamEvent[]): void {
    const signature = geminiSignature(part.string('thoughtSignature'));
    const call = camelRecord(part, 'functionCall');
    if (call !== undefined) return this.functionCall(call, signature, events);
    const text = part.string('text');
    if (text === undefined && signature === undefined) return; // executableCode and friends have no stream form in the IR.
    const kind = part.boolean('thought') === true ? 'reasoning' : 'text';
    if (text !== undefined && text !== '') {
      const index = this.openBlock(kind, events);
      events.push(kind === 'text' ? { type: 'text-delta', index, text } : { type: 'reasoning-delta', index, text });
    }
    if (signature !== undefined) {
      this.openBlock(kind, events);
      this.close(events, signature);
    }
  }

  private functionCall(call: FieldReader, signature: OpaqueSignature | undefined, events: StreamEvent[]): void {
    this.close(events);
    const name = call.string('name');
    if (name === undefined || name === '') throw invalidUpstream(call.at('name'), 'a function name');
    const argumentsJson = jsonText(call.record('args') ?? {}, call.at('args'), invalidUpstream);
    const id = call.string('id') ?? generateToolCallId(this.responseId, this.callPosition, name, argumentsJson);
    this.callPosition++;
    this.sawToolCall = true;
    const index = this.nextIndex++;
    const end: StreamEvent = { type: 'tool-call-end', index };
    if (signature !== undefined) end.signature = signature;
    events.push({ type: 'tool-call-start', index, id, name }, { type: 'tool-call-delta', index, argumentsDelta: argumentsJson }, end);
  }

  /** The index of the open block of this kind, opening one (and closing another kind) if needed. */
  private openBlock(kind: 'text' | 'reasoning', events: StreamEvent[]): number {
    if (this.open?.kind === kind) return this.open.index;
    this.close(events);
    const index = this.nextIndex++;
    this.open = { kind, index };
    events.push(kind === 'text' ? { type: 'text-start', index } : { type: 'reasoning-start', index });
    return index;
  }

  private close(events: StreamEvent[], signature?: OpaqueSignature): void {
    const open = this.open;
    if (open === undefined) return;
    this.open = undefined;
    const end: StreamEvent = open.kind === 'text' ? { type: 'text-end', index: open.index } : { type: 'reasoning-end', index: open.index };
    if (signature !== undefined) end.signature = signature;
    events.push(end);
  }
}

function protocolError(detail: string): FluxError {
  return new FluxError({ category: 'upstream_protocol', message: `Gemini stream: ${detail}` });
}

/** A fresh decoder for one upstream `streamGenerateContent?alt=sse` answer. */
export function createGeminiStreamDecoder(): StreamDecoder {
  return new GeminiStreamDecoder(repeatedChunkReader());
}

/**
 * Most chunks of a stream are the same response around new part texts, with running token
 * counts: this reader reads them without JSON.parse ({@link RepeatedJsonReader}), with the
 * first candidate's part texts and the `usageMetadata` counts left open.
 */
export function repeatedChunkReader(): RepeatedJsonReader {
  return new RepeatedJsonReader(changingFields);
}

function changingFields(chunk: JsonObject): JsonSlot[] {
  const slots: JsonSlot[] = [];
  const candidate = Array.isArray(chunk.candidates) ? chunk.candidates[0] : undefined;
  const content = isObject(candidate) && isObject(candidate.content) ? candidate.content : undefined;
  const parts = content !== undefined && Array.isArray(content.parts) ? content.parts : [];
  for (const part of parts) if (isObject(part) && typeof part.text === 'string') slots.push({ object: part, key: 'text' });
  // Counts alone make no repeated chunk: a chunk without text teaches nothing.
  if (slots.length === 0) return slots;
  const usage = isObject(chunk.usageMetadata) ? chunk.usageMetadata : undefined;
  if (usage !== undefined) for (const key of Object.keys(usage)) if (typeof usage[key] === 'number') slots.push({ object: usage, key });
  return slots;
}

function parseChunk(data: string): JsonObject {
  let chunk: unknown;
  try {
    chunk = JSON.parse(data);
  } catch {
    throw protocolError(`a data event is not JSON: ${data.slice(0, 120)}`);
  }
  if (!isObject(chunk)) throw protocolError('a data event is not a JSON object');
  return chunk;
}
