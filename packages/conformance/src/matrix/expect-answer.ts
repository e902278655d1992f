import type { FinishReason } from '@fluxcore/message';
import type { ProtocolName, Scenario } from '@fluxcore/testkit';
import { expect } from 'vitest';
import { countsOf, type Counts, type WireAnswer } from './read-answer.js';
import { UPSTREAM_SIGNATURE } from './scenarios.js';

type ScenarioFinish = NonNullable<Scenario['finish']>;

/**
 * Each protocol's finish reason for the canonical ones the scenarios use (wire-formats.md §5.5).
 * Cohere v2 has no filter reason and answers `COMPLETE`.
 */
const FINISH_ON_WIRE: Readonly<Record<ProtocolName, Readonly<Record<ScenarioFinish, string>>>> = {
  openai: { stop: 'stop', length: 'length', tool_calls: 'tool_calls', content_filter: 'content_filter' },
  anthropic: { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', content_filter: 'refusal' },
  gemini: { stop: 'STOP', length: 'MAX_TOKENS', tool_calls: 'STOP', content_filter: 'SAFETY' },
  cohere: { stop: 'COMPLETE', length: 'MAX_TOKENS', tool_calls: 'TOOL_CALL', content_filter: 'COMPLETE' },
  'cohere-v1': { stop: 'COMPLETE', length: 'MAX_TOKENS', tool_calls: 'COMPLETE', content_filter: 'ERROR_TOXIC' },
};

/** Which usage details a protocol carries: as the upstream (its simulator renders them) and to clients. */
const CARRIES_CACHE_WRITES = new Set<ProtocolName>(['openai', 'anthropic']);
const UPSTREAM_REPORTS_REASONING = new Set<ProtocolName>(['openai', 'gemini']);
const CLIENT_SEES_REASONING_TOKENS = new Set<ProtocolName>(['openai', 'anthropic', 'gemini']);
/** Protocols whose answers carry tool-call ids. Cohere v1 has none; Gemini answers carry ours. */
const UPSTREAM_HAS_IDS = new Set<ProtocolName>(['openai', 'anthropic', 'cohere']);
const CLIENT_SEES_IDS = new Set<ProtocolName>(['openai', 'anthropic', 'gemini', 'cohere']);
const FAMILY: Readonly<Record<ProtocolName, string>> = { openai: 'openai', anthropic: 'anthropic', gemini: 'gemini', cohere: 'cohere', 'cohere-v1': 'cohere' };
/** Families whose answers carry reasoning signatures. */
const SIGNING = new Set(['anthropic', 'gemini']);

/** The canonical finish reason the outbound adapter must read from its provider's answer. */
export function canonicalFinish(scenario: Scenario, outbound: ProtocolName): ScenarioFinish & FinishReason {
  const finish = scenario.finish ?? ((scenario.toolCalls ?? []).length > 0 ? 'tool_calls' : 'stop');
  return outbound === 'cohere' && finish === 'content_filter' ? 'stop' : finish;
}

/** The usage fluxcore must report (IR counts) when `outbound` reported the scenario's usage. */
export function expectedUpstreamCounts(scenario: Scenario, outbound: ProtocolName): Counts | undefined {
  const usage = scenario.usage;
  if (usage === null || usage === undefined) return undefined;
  const counts: Counts = { input: usage.inputTokens, output: usage.outputTokens };
  if (usage.cachedInputTokens) counts.cached = usage.cachedInputTokens;
  if (usage.cacheWriteTokens && CARRIES_CACHE_WRITES.has(outbound)) counts.cacheWrite = usage.cacheWriteTokens;
  if (usage.reasoningTokens && UPSTREAM_REPORTS_REASONING.has(outbound)) counts.reasoning = usage.reasoningTokens;
  return counts;
}

/** The usage a client of `inbound` must read when `outbound` reported the scenario's usage. */
export function expectedCounts(scenario: Scenario, inbound: ProtocolName, outbound: ProtocolName, stream: boolean): Counts | undefined {
  const usage = scenario.usage;
  if (usage === null || usage === undefined) return undefined;
  const counts: Counts = { input: usage.inputTokens, output: usage.outputTokens };
  if (usage.cachedInputTokens) counts.cached = usage.cachedInputTokens;
  if (usage.cacheWriteTokens && CARRIES_CACHE_WRITES.has(inbound) && CARRIES_CACHE_WRITES.has(outbound)) counts.cacheWrite = usage.cacheWriteTokens;
  const clientSees = CLIENT_SEES_REASONING_TOKENS.has(inbound) && !(stream && inbound === 'anthropic');
  if (usage.reasoningTokens && clientSees && UPSTREAM_REPORTS_REASONING.has(outbound)) counts.reasoning = usage.reasoningTokens;
  return counts;
}

/**
 * Check what a client of `inbound` reads when `outbound` answered `scenario`: content, tool
 * calls (names, parsed arguments, ids where both sides have them), finish reason and usage in
 * the client's own vocabulary, and reasoning signatures only within their family. `verbatim`:
 * the answer may be the upstream's own, forwarded unchanged (the same-protocol fast path).
 */
export function checkAnswer(
  actual: WireAnswer,
  wireText: string,
  scenario: Scenario,
  inbound: ProtocolName,
  outbound: ProtocolName,
  stream: boolean,
  verbatim = false,
): void {
  expect(actual.text, 'text').toBe(scenario.text ?? '');
  const reasoningSurvives = inbound !== 'cohere-v1' && outbound !== 'cohere-v1';
  expect(actual.reasoning, 'reasoning').toBe(reasoningSurvives ? (scenario.reasoning?.text ?? '') : '');
  if (scenario.reasoning?.signature !== undefined) {
    const sameFamily = FAMILY[inbound] === FAMILY[outbound] && SIGNING.has(FAMILY[outbound]);
    expect(wireText.includes(UPSTREAM_SIGNATURE), sameFamily ? 'the signature goes back to its family' : 'a signature never crosses families').toBe(sameFamily);
  }

  const calls = scenario.toolCalls ?? [];
  expect(
    actual.toolCalls.map((c) => ({ name: c.name, args: JSON.parse(c.arguments) as unknown })),
    'tool calls',
  ).toEqual(calls.map((c) => ({ name: c.name, args: c.arguments })));
  // A verbatim upstream body (the same-protocol fast path) keeps the provider's own ids, or none (Gemini).
  if (CLIENT_SEES_IDS.has(inbound) && calls.length > 0 && !(verbatim && !UPSTREAM_HAS_IDS.has(outbound))) {
    const ids = actual.toolCalls.map((c) => c.id);
    if (UPSTREAM_HAS_IDS.has(outbound)) expect(ids, 'tool-call ids pass through').toEqual(calls.map((c) => c.id));
    else {
      for (const id of ids) expect(id, 'generated tool-call id').toMatch(/^\S+$/);
      expect(new Set(ids).size, 'generated ids are distinct').toBe(ids.length);
    }
  }

  expect(actual.finishReason, 'finish reason').toBe(FINISH_ON_WIRE[inbound][canonicalFinish(scenario, outbound)]);
  const counts = countsOf(inbound, actual.usage);
  const expected = expectedCounts(scenario, inbound, outbound, stream);
  if (expected !== undefined) expect(counts, 'usage').toEqual(expected);
  else if (counts !== undefined) expect({ input: counts.input, output: counts.output }, 'no invented usage').toEqual({ input: 0, output: 0 });
}
