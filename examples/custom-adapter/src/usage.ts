import { setDefined, usageCount, type JsonObject, type TokenUsage } from '@fluxcore/message';

/** Ollama's token counts (`prompt_eval_count`, `eval_count`) as IR usage, when it sent them. */
export function usageFromWire(line: JsonObject): TokenUsage | undefined {
  const input = usageCount(line.prompt_eval_count);
  const output = usageCount(line.eval_count);
  if (input === undefined && output === undefined) return undefined;
  return { inputTokens: input ?? 0, outputTokens: output ?? 0 };
}

/** IR usage as Ollama's counts; Ollama has no cache or reasoning counts. */
export function usageToWire(usage: Partial<TokenUsage>): JsonObject {
  const wire: JsonObject = {};
  setDefined(wire, 'prompt_eval_count', usage.inputTokens);
  setDefined(wire, 'eval_count', usage.outputTokens);
  return wire;
}
