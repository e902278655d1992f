import type { GrammarResult, GrammarValidator } from '@fluxcore/adapter-kit';
import { isObject } from '@fluxcore/message';
import { usageCounts } from './usage-counts.js';

const STREAM_END_REASONS = new Set(['COMPLETE', 'ERROR_LIMIT', 'MAX_TOKENS', 'ERROR', 'ERROR_TOXIC']);
const KNOWN_EVENTS = new Set([
  'stream-start',
  'search-queries-generation',
  'search-results',
  'text-generation',
  'citation-generation',
  'tool-calls-chunk',
  'tool-calls-generation',
  'stream-end',
  'debug',
]);

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Validates a Cohere Chat v1 stream against what cohere-ai's v1 `chatStream` consumes:
 * newline-delimited JSON (no SSE framing), each line an object with `is_finished` and
 * `event_type`; `stream-start` (with `generation_id`) first and once; `tool-calls-chunk`
 * deltas numbered 0, 1, ... with the name before any parameter fragment; a
 * `tool-calls-generation` whose complete calls (`{name, parameters}` objects) agree with the
 * streamed fragments; `stream-end` exactly once and last, `is_finished: true` there only, with a
 * finish reason from its enum and a `response` carrying `text` and `meta`. `ERROR` there is
 * v1's in-band error signal, after which streamed tool calls may lack their
 * `tool-calls-generation`. The tool calls reported are those of `tool-calls-generation`, or,
 * in a stream the error cut short before it, what was streamed of them.
 */
export const validateCohereV1Stream: GrammarValidator = (wire: string): GrammarResult => {
  const errors: string[] = [];
  const result: GrammarResult = { errors, text: '', reasoning: '', toolCalls: [], endedWithError: false };
  if (wire.length > 0 && !wire.endsWith('\n')) errors.push('stream does not end with a newline');
  let started = false;
  let ended = false;
  const chunks: Array<{ name: string; parameters: string }> = [];
  let generated: Array<{ name: string; parameters: unknown }> | undefined;

  wire.split('\n').forEach((raw, n) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const where = `line ${n}`;
    if (line.startsWith('data:') || line.startsWith('event:')) return void errors.push(`${where}: SSE framing in an NDJSON stream`);
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      return void errors.push(`${where}: not JSON`);
    }
    if (!isObject(data) || typeof data.event_type !== 'string') return void errors.push(`${where}: no event_type`);
    if (ended) return void errors.push(`${where}: ${data.event_type} after stream-end`);
    const type = data.event_type;
    if (!KNOWN_EVENTS.has(type)) errors.push(`${where}: unknown event_type ${type}`);
    if (typeof data.is_finished !== 'boolean') errors.push(`${where}: is_finished missing`);
    else if (data.is_finished !== (type === 'stream-end')) errors.push(`${where}: is_finished must be true only on stream-end`);
    if (!started && type !== 'stream-start') errors.push(`${where}: ${type} before stream-start`);
    switch (type) {
      case 'stream-start':
        if (started) errors.push(`${where}: second stream-start`);
        if (typeof data.generation_id !== 'string') errors.push(`${where}: stream-start without generation_id`);
        started = true;
        break;
      case 'text-generation':
        if (typeof data.text !== 'string') errors.push(`${where}: text-generation without text`);
        else result.text += data.text;
        break;
      case 'tool-calls-chunk': {
        if (generated !== undefined) errors.push(`${where}: tool-calls-chunk after tool-calls-generation`);
        if (typeof data.text === 'string') result.text += data.text;
        const delta = data.tool_call_delta;
        if (delta === undefined || delta === null) {
          if (typeof data.text !== 'string') errors.push(`${where}: tool-calls-chunk with neither tool_call_delta nor text`);
          break;
        }
        if (!isObject(delta) || typeof delta.index !== 'number') return void errors.push(`${where}: tool_call_delta without index`);
        if (typeof delta.name === 'string') {
          if (delta.index !== chunks.length) errors.push(`${where}: tool call index ${delta.index}, expected ${chunks.length}`);
          chunks.push({ name: delta.name, parameters: '' });
        } else if (typeof delta.parameters === 'string') {
          const call = chunks[delta.index];
          if (call === undefined || delta.index !== chunks.length - 1) errors.push(`${where}: parameters for tool call ${delta.index} before its name`);
          else call.parameters += delta.parameters;
        }
        break;
      }
      case 'tool-calls-generation': {
        if (generated !== undefined) errors.push(`${where}: second tool-calls-generation`);
        if (!Array.isArray(data.tool_calls)) return void errors.push(`${where}: tool_calls is not an array`);
        generated = [];
        data.tool_calls.forEach((call: unknown, i: number) => {
          if (!isObject(call) || typeof call.name !== 'string' || !isObject(call.parameters)) {
            return void errors.push(`${where}: tool_calls[${i}] needs a name and a parameters object`);
          }
          generated!.push({ name: call.name, parameters: call.parameters });
          result.toolCalls.push({ name: call.name, arguments: JSON.stringify(call.parameters) });
        });
        if (chunks.length > 0) checkChunksAgree(chunks, generated, where, errors);
        break;
      }
      case 'stream-end': {
        ended = true;
        if (typeof data.finish_reason !== 'string' || !STREAM_END_REASONS.has(data.finish_reason)) {
          errors.push(`${where}: unknown stream-end finish_reason ${String(data.finish_reason)}`);
        } else {
          result.finishReason = data.finish_reason;
        }
        if (data.finish_reason === 'ERROR') result.endedWithError = true;
        const response = data.response;
        if (!isObject(response)) return void errors.push(`${where}: stream-end without response`);
        if (typeof response.text !== 'string') errors.push(`${where}: response.text missing`);
        if (isObject(response.meta)) result.usage = usageCounts(response.meta);
        else if (data.finish_reason !== 'ERROR') errors.push(`${where}: response.meta missing`);
        if (generated !== undefined && response.tool_calls !== undefined && !sameJson(response.tool_calls, generated)) {
          errors.push(`${where}: response.tool_calls differ from tool-calls-generation`);
        }
        break;
      }
    }
  });
  if (chunks.length > 0 && generated === undefined) {
    // The ERROR stream-end may cut the tool calls short, before their tool-calls-generation:
    // what was streamed of them is reported instead, as other validators report a cut call.
    if (result.endedWithError) result.toolCalls = chunks.map((call) => ({ name: call.name, arguments: call.parameters }));
    else errors.push('tool-calls-chunk without tool-calls-generation');
  }
  if (!started) errors.push('no stream-start');
  if (!ended) errors.push('no stream-end: the stream ended without its terminal event');
  return result;
};

function checkChunksAgree(
  chunks: Array<{ name: string; parameters: string }>,
  generated: Array<{ name: string; parameters: unknown }>,
  where: string,
  errors: string[],
): void {
  if (chunks.length !== generated.length) return void errors.push(`${where}: ${generated.length} tool calls, but ${chunks.length} were streamed`);
  chunks.forEach((chunk, i) => {
    const call = generated[i]!;
    if (chunk.name !== call.name) errors.push(`${where}: tool call ${i} named ${call.name}, streamed as ${chunk.name}`);
    let streamed: unknown;
    try {
      streamed = chunk.parameters === '' ? {} : JSON.parse(chunk.parameters);
    } catch {
      return void errors.push(`${where}: streamed parameters of tool call ${i} are not JSON`);
    }
    if (!sameJson(streamed, call.parameters)) errors.push(`${where}: parameters of tool call ${i} differ from the streamed ones`);
  });
}
