import { expectObject, FramedStreamDecoder, isObject, jsonText, preview, SseDecoder, tryParseJson, upstreamProtocol } from '@fluxcore/message';
import type { JsonObject, JsonValue, SseEvent, StreamEvent, TokenUsage } from '@fluxcore/message';
import { readJsonFrame, type JsonFrameReader } from '@fluxcore/message/internal';
import { inBandError } from './errors.js';
import { finishFromOpenAI } from './finish-reason.js';
import { generatedCallId } from './ids.js';
import { reasoningText } from './reasoning.js';
import { repeatedChunkReader } from './stream-chunk-reader.js';
import { usageFromOpenAI } from './usage.js';

const fail = upstreamProtocol('openai stream');

type BlockKind = 'text' | 'reasoning' | 'tool';

/** The wire key given to a legacy `function_call` (real tool-call indices are never negative). */
const LEGACY_FUNCTION_KEY = -1;

/** A tool call whose arguments are collected until it can be emitted whole. */
interface BufferedCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * Decodes a Chat Completions SSE stream into IR events.
 *
 * Accepts what real services send: tool-call indices that do not start at 0, fragments of
 * several calls interleaved, a usage-only last chunk (`choices: []`), Groq's `x_groq.usage`,
 * `obfuscation` padding, Azure's leading `prompt_filter_results` chunk, DeepSeek
 * `reasoning_content`. The first tool call streams live; later ones are collected and emitted
 * whole when the choice finishes, since the IR streams one block at a time and their fragments
 * may interleave. A finish chunk without `[DONE]` is a complete stream; a stream that ends with
 * neither throws `upstream_protocol`. `data: {"error":...}` throws the classified error.
 */
export class OpenAIStreamDecoder extends FramedStreamDecoder<SseEvent> {
  private started = false;
  private responseId = '';
  private nextBlock = 0;
  private open: { kind: BlockKind; index: number } | undefined;
  /** Tool calls by wire key (their `index`), in order of first appearance. */
  private readonly calls = new Map<number, 'live' | 'closed' | BufferedCall>();
  private liveKey: number | undefined;
  private callCount = 0;
  private sawFinish = false;
  private rawFinish: string | undefined;
  private usage: TokenUsage | undefined;
  private done = false;

  /** `chunks` reads the chunks that need no JSON.parse (tests pass one that reads none, to compare). */
  constructor(private readonly chunks: JsonFrameReader = repeatedChunkReader()) {
    super(new SseDecoder());
  }

  protected onEnd(out: StreamEvent[]): void {
    if (this.done) return;
    if (!this.sawFinish) throw fail('end', 'a finish_reason or [DONE] before it');
    this.complete(out);
  }

  protected onFrame(event: SseEvent, out: StreamEvent[]): void {
    if (this.done) return;
    const data = event.data.trim();
    if (data === '[DONE]') return this.complete(out);
    const chunk = readJsonFrame(this.chunks, data, parseChunk);
    if (chunk.error !== undefined && chunk.error !== null) throw inBandError(chunk.error);
    if (event.event === 'error') throw inBandError(chunk);
    this.handleChunk(chunk, out);
  }

  private handleChunk(chunk: JsonObject, out: StreamEvent[]): void {
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    const usage = usageFromOpenAI(chunk.usage ?? (isObject(chunk.x_groq) ? chunk.x_groq.usage : undefined));
    // Azure opens with an empty-id chunk holding only prompt filter results: not the answer yet.
    if (!this.started && (choices.length > 0 || usage !== undefined)) this.start(chunk, out);
    const choice = choices.find((c) => isObject(c) && (c.index ?? 0) === 0);
    if (isObject(choice)) {
      if (isObject(choice.delta)) this.handleDelta(choice.delta, out);
      if (typeof choice.finish_reason === 'string' && !this.sawFinish) {
        this.sawFinish = true;
        this.rawFinish = choice.finish_reason;
        this.closeOpen(out);
        this.flushBuffered(out);
      }
    }
    if (usage !== undefined) {
      this.usage = usage;
      out.push({ type: 'usage', usage });
    }
  }

  private start(chunk: JsonObject, out: StreamEvent[]): void {
    this.started = true;
    const event: StreamEvent = { type: 'start' };
    if (typeof chunk.id === 'string' && chunk.id !== '') event.id = this.responseId = chunk.id;
    if (typeof chunk.model === 'string' && chunk.model !== '') event.model = chunk.model;
    if (typeof chunk.created === 'number') event.created = chunk.created;
    out.push(event);
  }

  private handleDelta(delta: JsonObject, out: StreamEvent[]): void {
    const reasoning = reasoningText(delta);
    if (reasoning !== undefined) {
      this.openBlock('reasoning', out);
      out.push({ type: 'reasoning-delta', index: this.open!.index, text: reasoning });
    }
    for (const text of [delta.content, delta.refusal]) {
      if (typeof text !== 'string' || text === '') continue;
      this.openBlock('text', out);
      out.push({ type: 'text-delta', index: this.open!.index, text });
    }
    if (Array.isArray(delta.tool_calls)) delta.tool_calls.forEach((call, j) => this.handleToolCall(call, j, out));
    // Legacy `function_call` deltas: one call, no id, fragments like a tool call's.
    if (isObject(delta.function_call)) this.handleToolCall({ index: LEGACY_FUNCTION_KEY, function: delta.function_call }, 0, out);
  }

  private handleToolCall(raw: JsonValue, position: number, out: StreamEvent[]): void {
    if (!isObject(raw)) throw fail(`delta.tool_calls[${position}]`, 'an object');
    const fn = isObject(raw.function) ? raw.function : {};
    const fragment =
      typeof fn.arguments === 'string'
        ? fn.arguments
        : isObject(fn.arguments)
          ? jsonText(fn.arguments, `delta.tool_calls[${position}].function.arguments`, fail)
          : '';
    const key = typeof raw.index === 'number' ? raw.index : this.keyWithoutIndex(raw, position);
    const known = this.calls.get(key);
    if (known === undefined) return this.newToolCall(key, raw, fn, fragment, out);
    if (known === 'closed') throw fail(`delta.tool_calls[${position}]`, `no more arguments for tool call index ${key}, which has ended`);
    if (known === 'live') {
      if (fragment !== '') out.push({ type: 'tool-call-delta', index: this.open!.index, argumentsDelta: fragment });
      return;
    }
    if (known.name === '' && typeof fn.name === 'string') known.name = fn.name;
    known.arguments += fragment;
  }

  /** Services that omit `index` send each call whole: a new id is a new call, else the position decides. */
  private keyWithoutIndex(raw: JsonObject, position: number): number {
    if (typeof raw.id !== 'string') return this.liveKey ?? position;
    return -2 - this.callCount;
  }

  private newToolCall(key: number, raw: JsonObject, fn: JsonObject, fragment: string, out: StreamEvent[]): void {
    const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : generatedCallId(this.responseId, this.callCount);
    const name = typeof fn.name === 'string' ? fn.name : '';
    this.callCount++;
    if (this.liveKey !== undefined || this.sawFinish) {
      this.calls.set(key, { id, name, arguments: fragment });
      return;
    }
    this.liveKey = key;
    this.calls.set(key, 'live');
    this.openBlock('tool', out);
    out.push({ type: 'tool-call-start', index: this.open!.index, id, name });
    if (fragment !== '') out.push({ type: 'tool-call-delta', index: this.open!.index, argumentsDelta: fragment });
  }

  private openBlock(kind: BlockKind, out: StreamEvent[]): void {
    if (this.open?.kind === kind && kind !== 'tool') return;
    this.closeOpen(out);
    const index = this.nextBlock++;
    this.open = { kind, index };
    if (kind === 'text') out.push({ type: 'text-start', index });
    else if (kind === 'reasoning') out.push({ type: 'reasoning-start', index });
  }

  private closeOpen(out: StreamEvent[]): void {
    const open = this.open;
    if (open === undefined) return;
    this.open = undefined;
    if (open.kind === 'text') out.push({ type: 'text-end', index: open.index });
    else if (open.kind === 'reasoning') out.push({ type: 'reasoning-end', index: open.index });
    else {
      out.push({ type: 'tool-call-end', index: open.index });
      if (this.liveKey !== undefined) this.calls.set(this.liveKey, 'closed');
    }
  }

  /** Emit the collected tool calls, each whole: start, one delta, end. */
  private flushBuffered(out: StreamEvent[]): void {
    for (const [key, call] of this.calls) {
      if (typeof call === 'string') continue;
      this.calls.set(key, 'closed');
      const index = this.nextBlock++;
      out.push({ type: 'tool-call-start', index, id: call.id, name: call.name });
      if (call.arguments !== '') out.push({ type: 'tool-call-delta', index, argumentsDelta: call.arguments });
      out.push({ type: 'tool-call-end', index });
    }
  }

  /** The answer is complete: close what is open and finish. `[DONE]` without a finish_reason infers one. */
  private complete(out: StreamEvent[]): void {
    if (!this.started) {
      this.started = true;
      out.push({ type: 'start' });
    }
    this.closeOpen(out);
    this.flushBuffered(out);
    this.done = true;
    const finish: StreamEvent = {
      type: 'finish',
      finishReason: this.rawFinish !== undefined ? finishFromOpenAI(this.rawFinish) : this.callCount > 0 ? 'tool_calls' : 'stop',
    };
    if (this.rawFinish !== undefined) finish.rawFinishReason = this.rawFinish;
    if (this.usage !== undefined) finish.usage = this.usage;
    out.push(finish);
  }
}

function parseChunk(data: string): JsonObject {
  const chunk = tryParseJson(data);
  if (chunk === undefined) throw fail('chunk', `JSON, got ${preview(data)}`);
  return expectObject(chunk, 'chunk', fail);
}
