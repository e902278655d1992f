import type { Endpoint } from './endpoint.js';

/** What selection knows about a request: its size, for the cost estimate. */
export interface SelectEstimate {
  /** Estimated input tokens (for example `estimateRequestTokens(request)` from @fluxcore/message). */
  readonly inputTokens: number;
  /** The request's output limit, when it sets one. */
  readonly maxOutputTokens?: number | undefined;
}

/**
 * Your own ranking: receives the endpoints that may take a request now (not excluded, breaker
 * admitting, not cooling down), in pool order, and returns one of them or undefined.
 */
export type CustomStrategy = (candidates: readonly Endpoint[], estimate: SelectEstimate) => Endpoint | undefined;

/**
 * How a pool ranks available endpoints. Every built-in strategy ends its ties with smoothed
 * latency (an endpoint never measured sorts first, so that it gets measured) and then the id.
 * - `price` (default): estimated cost of this request, then latency, then id.
 * - `priority`: lower `priority` first, then cost, then latency, then id.
 * - `latency`: lower smoothed latency first, then cost, then id.
 */
export type SelectionStrategy = 'price' | 'priority' | 'latency' | CustomStrategy;

/**
 * Output tokens assumed when a request sets no limit: 1024. Output usually costs 4-5x input,
 * so the assumption matters; a typical chat answer is a few hundred tokens and long answers
 * set a limit, so 1024 weighs output realistically without letting it drown the input.
 */
export const DEFAULT_EXPECTED_OUTPUT_TOKENS = 1024;

/** Estimated USD cost of a request on an endpoint, times 1M (prices are per 1M tokens). */
export function estimatedCost(endpoint: Endpoint, inputTokens: number, outputTokens: number): number {
  return endpoint.inputPrice * inputTokens + endpoint.outputPrice * outputTokens;
}

/** Negative when `a` ranks before `b` on latency: unmeasured first, then lower. */
export function compareLatency(a: Endpoint, b: Endpoint): number {
  return (a.latencyMs ?? -1) - (b.latencyMs ?? -1);
}

/** Negative when `a`'s id ranks first: numbers by value before strings in code-unit order. */
export function compareIds(a: string | number, b: string | number): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
