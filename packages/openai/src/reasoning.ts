import type { FieldReader, JsonObject, JsonValue, ReasoningConfig } from '@fluxcore/message';

/** DeepSeek (`reasoning_content`) and vLLM/OpenRouter (`reasoning`) reasoning text, outside OpenAI's schema. */
export function reasoningText(source: JsonObject): string | undefined {
  const text = source.reasoning_content ?? source.reasoning;
  return typeof text === 'string' && text !== '' ? text : undefined;
}

const EFFORTS = new Set(['minimal', 'low', 'medium', 'high']);
/** Efforts newer than the IR's scale: kept raw in extras, modelled as the nearest IR effort. */
const EXTRA_HIGH_EFFORTS = new Set(['xhigh', 'max']);

/** `reasoning_effort`: `none` turns reasoning off; values beyond `high` are kept raw in extras. */
export function readReasoningEffort(body: FieldReader, extras: JsonObject): ReasoningConfig | undefined {
  const effort = body.string('reasoning_effort');
  if (effort === undefined) return undefined;
  if (EFFORTS.has(effort)) return { effort: effort as NonNullable<ReasoningConfig['effort']> };
  extras.reasoning_effort = effort;
  if (effort === 'none') return { enabled: false };
  if (EXTRA_HIGH_EFFORTS.has(effort)) return { effort: 'high' };
  return undefined;
}

const BUDGET_EFFORT: ReadonlyArray<[number, 'low' | 'medium' | 'high']> = [
  [1024, 'low'],
  [4096, 'medium'],
];

/**
 * `reasoning_effort` from the IR: an effort as is; a budget mapped back (≤1024 low, ≤4096
 * medium, more high); reasoning switched off sends nothing (older models reject `none`) unless
 * the client itself wrote `none`. A raw value the IR rounds (`xhigh`, `max`) or does not know is
 * restored.
 */
export function buildReasoningEffort(reasoning: ReasoningConfig | undefined, raw: JsonValue | undefined): string | undefined {
  if (reasoning === undefined) return typeof raw === 'string' ? raw : undefined;
  if (reasoning.enabled === false) return raw === 'none' ? 'none' : undefined;
  if (reasoning.effort !== undefined) return reasoning.effort === 'high' && (raw === 'xhigh' || raw === 'max') ? raw : reasoning.effort;
  if (reasoning.budgetTokens !== undefined) {
    const budget = reasoning.budgetTokens;
    return BUDGET_EFFORT.find(([limit]) => budget <= limit)?.[1] ?? 'high';
  }
  return undefined;
}
