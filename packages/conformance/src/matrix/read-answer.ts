import { isObject, type JsonObject } from '@fluxcore/message';
import { usageCounts, type GrammarResult, type ProtocolName } from '@fluxcore/testkit';

/**
 * What a client reads from an answer in its protocol, taken straight from the wire JSON (a
 * non-stream body, or the grammar validator's summary of a stream), never through an adapter.
 */
export interface WireAnswer {
  text: string;
  reasoning: string;
  toolCalls: Array<{ id?: string; name: string; arguments: string }>;
  /** In the protocol's own vocabulary. */
  finishReason?: string;
  /** In the protocol's own field names, nested objects flattened as `outer.inner`. */
  usage?: Record<string, number>;
}

/** Token counts in fluxcore's convention (input includes cache reads and writes, output includes reasoning). */
export interface Counts {
  input: number;
  output: number;
  cached?: number;
  cacheWrite?: number;
  reasoning?: number;
}

const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function withUsage(answer: WireAnswer, usage: unknown): WireAnswer {
  return isObject(usage) ? { ...answer, usage: usageCounts(usage) } : answer;
}

function readOpenai(body: JsonObject): WireAnswer {
  const choice = arrayOf(body.choices)[0];
  const message = isObject(choice) && isObject(choice.message) ? choice.message : {};
  const toolCalls = arrayOf(message.tool_calls)
    .filter(isObject)
    .map((call) => {
      const fn = isObject(call.function) ? call.function : {};
      return { id: str(call.id), name: str(fn.name), arguments: str(fn.arguments) };
    });
  const finish = isObject(choice) ? choice.finish_reason : undefined;
  const answer: WireAnswer = { text: str(message.content), reasoning: str(message.reasoning_content), toolCalls };
  if (typeof finish === 'string') answer.finishReason = finish;
  return withUsage(answer, body.usage);
}

function readAnthropic(body: JsonObject): WireAnswer {
  const answer: WireAnswer = { text: '', reasoning: '', toolCalls: [] };
  for (const block of arrayOf(body.content).filter(isObject)) {
    if (block.type === 'text') answer.text += str(block.text);
    if (block.type === 'thinking') answer.reasoning += str(block.thinking);
    if (block.type === 'tool_use') answer.toolCalls.push({ id: str(block.id), name: str(block.name), arguments: JSON.stringify(block.input) });
  }
  if (typeof body.stop_reason === 'string') answer.finishReason = body.stop_reason;
  return withUsage(answer, body.usage);
}

function readGemini(body: JsonObject): WireAnswer {
  const answer: WireAnswer = { text: '', reasoning: '', toolCalls: [] };
  const candidate = arrayOf(body.candidates)[0];
  const content = isObject(candidate) && isObject(candidate.content) ? candidate.content : {};
  for (const part of arrayOf(content.parts).filter(isObject)) {
    if (typeof part.text === 'string') {
      if (part.thought === true) answer.reasoning += part.text;
      else answer.text += part.text;
    }
    if (isObject(part.functionCall)) {
      const call = part.functionCall;
      answer.toolCalls.push({ ...(typeof call.id === 'string' ? { id: call.id } : {}), name: str(call.name), arguments: JSON.stringify(call.args ?? {}) });
    }
  }
  if (isObject(candidate) && typeof candidate.finishReason === 'string') answer.finishReason = candidate.finishReason;
  return withUsage(answer, body.usageMetadata);
}

function readCohere(body: JsonObject): WireAnswer {
  const message = isObject(body.message) ? body.message : {};
  const answer: WireAnswer = { text: str(message.tool_plan), reasoning: '', toolCalls: [] };
  for (const part of arrayOf(message.content).filter(isObject)) {
    if (part.type === 'text') answer.text += str(part.text);
    if (part.type === 'thinking') answer.reasoning += str(part.thinking);
  }
  answer.toolCalls = arrayOf(message.tool_calls)
    .filter(isObject)
    .map((call) => {
      const fn = isObject(call.function) ? call.function : {};
      return { id: str(call.id), name: str(fn.name), arguments: str(fn.arguments) };
    });
  if (typeof body.finish_reason === 'string') answer.finishReason = body.finish_reason;
  return withUsage(answer, body.usage);
}

function readCohereV1(body: JsonObject): WireAnswer {
  const toolCalls = arrayOf(body.tool_calls)
    .filter(isObject)
    .map((call) => ({ name: str(call.name), arguments: JSON.stringify(call.parameters) }));
  const answer: WireAnswer = { text: str(body.text), reasoning: '', toolCalls };
  if (typeof body.finish_reason === 'string') answer.finishReason = body.finish_reason;
  return withUsage(answer, body.meta);
}

const READERS: Readonly<Record<ProtocolName, (body: JsonObject) => WireAnswer>> = {
  openai: readOpenai,
  anthropic: readAnthropic,
  gemini: readGemini,
  cohere: readCohere,
  'cohere-v1': readCohereV1,
};

/** Read a complete (non-stream) answer body in a protocol. */
export function readBody(protocol: ProtocolName, body: unknown): WireAnswer {
  if (!isObject(body)) throw new Error(`${protocol} answer is not a JSON object`);
  return READERS[protocol](body);
}

/** The same view of a stream, from its grammar validator's summary. */
export function fromGrammar(result: GrammarResult): WireAnswer {
  const answer: WireAnswer = { text: result.text, reasoning: result.reasoning, toolCalls: result.toolCalls };
  if (result.finishReason !== undefined) answer.finishReason = result.finishReason;
  if (result.usage !== undefined) answer.usage = result.usage;
  return answer;
}

/** Usage in a protocol's own fields (wire-formats.md §5.6), as fluxcore counts it. Zero counts read as absent. */
export function countsOf(protocol: ProtocolName, usage: Record<string, number> | undefined): Counts | undefined {
  if (usage === undefined) return undefined;
  const n = (...names: string[]): number | undefined => names.map((name) => usage[name]).find((v) => v !== undefined);
  const optional = (value: number | undefined) => (value === undefined || value === 0 ? undefined : value);
  let counts: Counts;
  switch (protocol) {
    case 'openai':
      counts = {
        input: n('prompt_tokens') ?? 0,
        output: n('completion_tokens') ?? 0,
        cached: optional(n('prompt_tokens_details.cached_tokens')),
        cacheWrite: optional(n('prompt_tokens_details.cache_write_tokens')),
        reasoning: optional(n('completion_tokens_details.reasoning_tokens')),
      };
      break;
    case 'anthropic': {
      const read = n('cache_read_input_tokens') ?? 0;
      const write = n('cache_creation_input_tokens') ?? 0;
      counts = {
        input: (n('input_tokens') ?? 0) + read + write,
        output: n('output_tokens') ?? 0,
        cached: optional(read),
        cacheWrite: optional(write),
        reasoning: optional(n('output_tokens_details.thinking_tokens')),
      };
      break;
    }
    case 'gemini': {
      const thoughts = n('thoughtsTokenCount') ?? 0;
      counts = {
        input: (n('promptTokenCount') ?? 0) + (n('toolUsePromptTokenCount') ?? 0),
        output: (n('candidatesTokenCount') ?? 0) + thoughts,
        cached: optional(n('cachedContentTokenCount')),
        reasoning: optional(thoughts),
      };
      break;
    }
    case 'cohere':
    case 'cohere-v1':
      counts = {
        input: n('tokens.input_tokens', 'billed_units.input_tokens') ?? 0,
        output: n('tokens.output_tokens', 'billed_units.output_tokens') ?? 0,
        cached: optional(n('cached_tokens')),
      };
      break;
  }
  return Object.fromEntries(Object.entries(counts).filter(([, v]) => v !== undefined)) as unknown as Counts;
}
