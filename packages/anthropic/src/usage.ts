import { isObject, usageCount, type JsonObject, type TokenUsage } from '@fluxcore/message';

/**
 * Anthropic counts `input_tokens` without the cache: the IR total is input + cache writes +
 * cache reads. Reads absent counts as 0. Returns undefined when the object has no token counts.
 */
export function usageFromWire(value: unknown): Partial<TokenUsage> | undefined {
  if (!isObject(value)) return undefined;
  const input = usageCount(value.input_tokens);
  const cacheWrite = usageCount(value.cache_creation_input_tokens);
  const cacheRead = usageCount(value.cache_read_input_tokens);
  const output = usageCount(value.output_tokens);
  const details = isObject(value.output_tokens_details) ? value.output_tokens_details : undefined;
  const thinking = usageCount(details?.thinking_tokens);
  const usage: Partial<TokenUsage> = {};
  if (input !== undefined || cacheWrite !== undefined || cacheRead !== undefined) usage.inputTokens = (input ?? 0) + (cacheWrite ?? 0) + (cacheRead ?? 0);
  if (cacheRead !== undefined) usage.cachedInputTokens = cacheRead;
  if (cacheWrite !== undefined) usage.cacheWriteTokens = cacheWrite;
  if (output !== undefined) usage.outputTokens = output;
  if (thinking !== undefined) usage.reasoningTokens = thinking;
  return Object.keys(usage).length === 0 ? undefined : usage;
}

/** The IR input fields as Anthropic reports them: `input_tokens` is what the cache did not cover. */
export function inputUsageToWire(usage: Partial<TokenUsage>): JsonObject {
  const cacheRead = usage.cachedInputTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage.inputTokens ?? 0) - cacheRead - cacheWrite),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
}

/** A complete Anthropic `usage` object. */
export function usageToWire(usage: Partial<TokenUsage> | undefined): JsonObject {
  const wire: JsonObject = { ...inputUsageToWire(usage ?? {}), output_tokens: usage?.outputTokens ?? 0 };
  if (usage?.reasoningTokens !== undefined) wire.output_tokens_details = { thinking_tokens: usage.reasoningTokens };
  return wire;
}

/** Complete IR usage from what is known (absent counts are 0). */
export function completeUsage(usage: Partial<TokenUsage>): TokenUsage {
  const { inputTokens = 0, outputTokens = 0, ...rest } = usage;
  return { inputTokens, outputTokens, ...rest };
}
