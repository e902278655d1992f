import { isObject, type FieldFailure, type JsonObject, type TokenUsage } from '@fluxcore/message';

/** The token counts of `usageMetadata`. */
export const USAGE_COUNTS = [
  'promptTokenCount',
  'cachedContentTokenCount',
  'candidatesTokenCount',
  'thoughtsTokenCount',
  'toolUsePromptTokenCount',
  'totalTokenCount',
] as const;

/**
 * `usageMetadata` -> IR usage. `promptTokenCount` already includes cached tokens;
 * `toolUsePromptTokenCount` (tool-use prompts) is input too. Output is visible candidates plus
 * thoughts, since `candidatesTokenCount` excludes `thoughtsTokenCount`. Read on every streamed
 * chunk, so the counts are checked inline: a field path is built only for the error.
 */
export function fromUsageMetadata(metadata: unknown, fail: FieldFailure, path = 'usageMetadata'): TokenUsage | undefined {
  if (metadata === undefined || metadata === null) return undefined;
  if (!isObject(metadata)) throw fail(path, 'an object');
  const counts: Partial<Record<(typeof USAGE_COUNTS)[number], number>> = {};
  for (const name of USAGE_COUNTS) {
    const value = metadata[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw fail(`${path}.${name}`, 'a non-negative number');
    counts[name] = value;
  }
  const thoughts = counts.thoughtsTokenCount;
  const usage: TokenUsage = {
    inputTokens: (counts.promptTokenCount ?? 0) + (counts.toolUsePromptTokenCount ?? 0),
    outputTokens: (counts.candidatesTokenCount ?? 0) + (thoughts ?? 0),
  };
  if (counts.cachedContentTokenCount !== undefined) usage.cachedInputTokens = counts.cachedContentTokenCount;
  if (thoughts !== undefined) usage.reasoningTokens = thoughts;
  return usage;
}

/** IR usage -> `usageMetadata`. Cache writes have no Gemini field; they stay counted in the prompt. */
export function toUsageMetadata(usage: Partial<TokenUsage>): JsonObject {
  const metadata: JsonObject = {};
  const reasoning = usage.reasoningTokens ?? 0;
  if (usage.inputTokens !== undefined) metadata.promptTokenCount = usage.inputTokens;
  if (usage.cachedInputTokens !== undefined) metadata.cachedContentTokenCount = usage.cachedInputTokens;
  // Like Gemini, leave candidatesTokenCount out when there was no visible output.
  const visible = usage.outputTokens === undefined ? 0 : Math.max(0, usage.outputTokens - reasoning);
  if (visible > 0) metadata.candidatesTokenCount = visible;
  if (usage.reasoningTokens !== undefined) metadata.thoughtsTokenCount = usage.reasoningTokens;
  if (usage.inputTokens !== undefined || usage.outputTokens !== undefined) {
    metadata.totalTokenCount = (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
  }
  return metadata;
}
