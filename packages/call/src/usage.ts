import { estimateTokens, type AssistantPart, type TokenUsage, type Usage } from '@fluxcore/message';
import type { Endpoint } from '@fluxcore/routing';

/** Timing of a call, in milliseconds. */
export interface CallTiming {
  latencyMs: number;
  firstTokenMs?: number;
}

/**
 * The usage a call reports. Provider counts are used when the provider reported both input and
 * output (`isAccurate: true`); otherwise the missing counts are estimated from the request and
 * the output text (`isAccurate: false`). Cost uses the serving endpoint's prices.
 */
export function buildUsage(
  reported: Partial<TokenUsage> | undefined,
  estimate: { inputTokens: number; outputText: () => string },
  timing: CallTiming,
  endpoint: Endpoint,
): Usage {
  const accurate = reported?.inputTokens !== undefined && reported.outputTokens !== undefined;
  const inputTokens = reported?.inputTokens ?? estimate.inputTokens;
  const outputTokens = reported?.outputTokens ?? estimateTokens(estimate.outputText());
  const usage: Usage = {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    latencyMs: Math.round(timing.latencyMs),
    isAccurate: accurate,
  };
  if (reported?.cachedInputTokens !== undefined) usage.cachedInputTokens = reported.cachedInputTokens;
  if (reported?.cacheWriteTokens !== undefined) usage.cacheWriteTokens = reported.cacheWriteTokens;
  if (reported?.reasoningTokens !== undefined) usage.reasoningTokens = reported.reasoningTokens;
  if (timing.firstTokenMs !== undefined) usage.firstTokenMs = Math.round(timing.firstTokenMs);
  usage.cost = costOf(usage, endpoint);
  return usage;
}

/**
 * Cost in USD from the endpoint's prices per million tokens (0 for an unpriced endpoint).
 * `inputTokens` includes cache reads and writes: reads are priced at `cachedInputPrice` and
 * writes at `cacheWritePrice` (each defaults to the input price), the rest at `inputPrice`.
 */
export function costOf(usage: TokenUsage, endpoint: Pick<Endpoint, 'inputPrice' | 'outputPrice' | 'cachedInputPrice' | 'cacheWritePrice'>): number {
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const written = Math.min(usage.cacheWriteTokens ?? 0, usage.inputTokens - cached);
  const micros =
    (usage.inputTokens - cached - written) * endpoint.inputPrice +
    cached * endpoint.cachedInputPrice +
    written * endpoint.cacheWritePrice +
    usage.outputTokens * endpoint.outputPrice;
  return micros / 1_000_000;
}

/** The text of an answer that output tokens are estimated from. */
export function outputTextOf(parts: readonly AssistantPart[]): string {
  let text = '';
  for (const part of parts) {
    if (part.type === 'text' || part.type === 'reasoning') text += part.text;
    else if (part.type === 'tool-call') text += part.name + part.arguments;
  }
  return text;
}
