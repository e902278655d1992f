import { isObject, usageCount, type JsonObject, type TokenUsage } from '@fluxcore/message';

/**
 * OpenAI usage → IR. `prompt_tokens` already includes cached reads (and the newer cache writes),
 * `completion_tokens` includes reasoning. DeepSeek reports cache hits as `prompt_cache_hit_tokens`.
 * Returns undefined when the object holds no token counts.
 */
export function usageFromOpenAI(raw: unknown): TokenUsage | undefined {
  if (!isObject(raw)) return undefined;
  const input = usageCount(raw.prompt_tokens);
  const output = usageCount(raw.completion_tokens);
  if (input === undefined && output === undefined) return undefined;
  const usage: TokenUsage = { inputTokens: input ?? 0, outputTokens: output ?? 0 };
  const prompt = isObject(raw.prompt_tokens_details) ? raw.prompt_tokens_details : {};
  const completion = isObject(raw.completion_tokens_details) ? raw.completion_tokens_details : {};
  const cached = usageCount(prompt.cached_tokens) ?? usageCount(raw.prompt_cache_hit_tokens);
  if (cached !== undefined) usage.cachedInputTokens = cached;
  const cacheWrite = usageCount(prompt.cache_write_tokens);
  if (cacheWrite !== undefined) usage.cacheWriteTokens = cacheWrite;
  const reasoning = usageCount(completion.reasoning_tokens);
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  return usage;
}

/** IR usage → OpenAI `usage`, with the detail objects only when there is something to say. */
export function usageToOpenAI(usage: TokenUsage): JsonObject {
  const out: JsonObject = {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
  const prompt: JsonObject = {};
  if (usage.cachedInputTokens !== undefined) prompt.cached_tokens = usage.cachedInputTokens;
  if (usage.cacheWriteTokens !== undefined) prompt.cache_write_tokens = usage.cacheWriteTokens;
  if (Object.keys(prompt).length > 0) out.prompt_tokens_details = prompt;
  if (usage.reasoningTokens !== undefined) out.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  return out;
}
