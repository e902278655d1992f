import { isDeepStrictEqual } from 'node:util';
import type { ChatResponse, StreamEvent, TokenUsage } from '@fluxcore/message';
import { show } from './failure.js';
import type { GrammarResult } from './grammar.js';
import type { Scenario } from './simulator.js';

/**
 * An answer reduced to what every protocol carries and a client reads: the text, each tool
 * call's name and parsed arguments, the canonical finish reason, and the input and output counts.
 * Ids, timestamps and reasoning are left out (protocols without ids make them up).
 */
export interface AnswerDigest {
  text: string;
  toolCalls: Array<{ name: string; arguments: unknown }>;
  finishReason?: string;
  /** The counts reported, `null` for none; absent when not known (a scenario that leaves usage to the simulator). */
  usage?: { inputTokens: number; outputTokens: number } | null;
}

/** What the simulator was told to answer. */
export function digestScenario(scenario: Scenario): AnswerDigest {
  const toolCalls = (scenario.toolCalls ?? []).map((call) => ({ name: call.name, arguments: call.arguments }));
  const digest: AnswerDigest = { text: scenario.text ?? '', toolCalls, finishReason: scenario.finish ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop') };
  if (scenario.usage !== undefined) digest.usage = countsOf(scenario.usage);
  return digest;
}

/** What a parsed answer carries. */
export function digestResponse(response: ChatResponse): AnswerDigest {
  let text = '';
  const toolCalls: AnswerDigest['toolCalls'] = [];
  for (const part of response.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'tool-call') toolCalls.push({ name: part.name, arguments: parseJson(part.arguments) });
  }
  return { text, toolCalls, finishReason: response.finishReason, usage: countsOf(response.usage) };
}

/** What a decoded stream carries: its deltas joined, its calls' argument fragments joined, the finish event's reason and usage. */
export function digestEvents(events: readonly StreamEvent[]): AnswerDigest {
  let text = '';
  const toolCalls: Array<{ name: string; json: string }> = [];
  let usage: Partial<TokenUsage> = {};
  let finishReason: string | undefined;
  for (const event of events) {
    if (event.type === 'text-delta') text += event.text;
    else if (event.type === 'tool-call-start') toolCalls.push({ name: event.name, json: '' });
    else if (event.type === 'tool-call-delta' && toolCalls.length > 0) toolCalls[toolCalls.length - 1]!.json += event.argumentsDelta;
    else if (event.type === 'usage') usage = { ...usage, ...event.usage };
    else if (event.type === 'finish') {
      finishReason = event.finishReason;
      if (event.usage !== undefined) usage = event.usage;
    }
  }
  const counts =
    usage.inputTokens !== undefined && usage.outputTokens !== undefined ? { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens } : undefined;
  const digest: AnswerDigest = { text, toolCalls: toolCalls.map((call) => ({ name: call.name, arguments: parseJson(call.json) })), usage: countsOf(counts) };
  if (finishReason !== undefined) digest.finishReason = finishReason;
  return digest;
}

/** What a client read from an encoded stream (its text and tool calls; the rest is in the protocol's own vocabulary). */
export function digestGrammarContent(result: GrammarResult): Pick<AnswerDigest, 'text' | 'toolCalls'> {
  return { text: result.text, toolCalls: result.toolCalls.map((call) => ({ name: call.name, arguments: parseJson(call.arguments) })) };
}

/**
 * The digest with zero counts read as none: a protocol whose answers always carry usage
 * (Anthropic's) writes zeros for an answer that reported none.
 */
export function zeroUsageAsNone(digest: AnswerDigest): AnswerDigest {
  const zero = digest.usage?.inputTokens === 0 && digest.usage.outputTokens === 0;
  return zero ? { ...digest, usage: null } : digest;
}

/**
 * Each field of `expected` that `actual` does not match, as `field: expected …, got …`. Fields
 * absent from `expected` are not compared.
 */
export function answerDifferences(expected: Partial<AnswerDigest>, actual: Partial<AnswerDigest>): string[] {
  const differences: string[] = [];
  for (const [field, value] of Object.entries(expected)) {
    const got = actual[field as keyof AnswerDigest];
    if (!isDeepStrictEqual(value, got)) differences.push(`${field}: expected ${show(value)}, got ${show(got)}`);
  }
  return differences;
}

function countsOf(usage: Pick<TokenUsage, 'inputTokens' | 'outputTokens'> | null | undefined): { inputTokens: number; outputTokens: number } | null {
  return usage === undefined || usage === null ? null : { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
