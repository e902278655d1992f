import { isObject, usageCount, type JsonObject, type TokenUsage } from '@fluxcore/message';

/**
 * Cohere usage (`usage` in v2, `meta` in v1): `tokens` counts the whole rendered prompt and
 * the raw output, `billed_units` what Cohere bills, `cached_tokens` the part of
 * `tokens.input_tokens` served from cache. We report `tokens` (so cached tokens stay a part of
 * the input, as the IR requires) and fall back to `billed_units` when `tokens` is absent.
 */
export function readCohereUsage(source: unknown): TokenUsage | undefined {
  if (!isObject(source)) return undefined;
  const counts = isObject(source.tokens) ? source.tokens : isObject(source.billed_units) ? source.billed_units : undefined;
  if (counts === undefined) return undefined;
  const inputTokens = usageCount(counts.input_tokens);
  const outputTokens = usageCount(counts.output_tokens);
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  const usage: TokenUsage = { inputTokens: inputTokens ?? 0, outputTokens: outputTokens ?? 0 };
  const cached = usageCount(source.cached_tokens);
  if (cached !== undefined && cached > 0) usage.cachedInputTokens = cached;
  return usage;
}

/**
 * IR usage in Cohere's shape. `billed_units` is copied from the provider's own value when a
 * same-protocol trip kept it, otherwise it repeats the token counts (the best we know).
 */
export function writeCohereUsage(usage: Partial<TokenUsage>, billedUnits?: JsonObject): JsonObject {
  const tokens: JsonObject = { input_tokens: usage.inputTokens ?? 0, output_tokens: usage.outputTokens ?? 0 };
  const wire: JsonObject = { billed_units: billedUnits ?? { ...tokens }, tokens };
  if (usage.cachedInputTokens !== undefined) wire.cached_tokens = usage.cachedInputTokens;
  return wire;
}
