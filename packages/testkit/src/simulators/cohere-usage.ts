import type { ScenarioUsage } from '@fluxcore/adapter-kit';
import type { JsonObject } from '@fluxcore/message';

/**
 * Cohere's usage fields, alike in v2's `usage` and v1's `meta`: `tokens` counts everything;
 * Cohere bills fewer input tokens than it renders, as real answers show. Cohere has no
 * cache-write count.
 */
export function cohereUsage(usage: ScenarioUsage): JsonObject {
  const wire: JsonObject = {
    billed_units: { input_tokens: Math.max(0, usage.inputTokens - (usage.cachedInputTokens ?? 0)), output_tokens: usage.outputTokens },
    tokens: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
  };
  if (usage.cachedInputTokens !== undefined) wire.cached_tokens = usage.cachedInputTokens;
  return wire;
}
