import {
  DEFAULT_MAX_TOKENS,
  expectObject,
  invalidRequest,
  isObject,
  optionalCount,
  REASONING_EFFORT_BUDGET,
  type JsonObject,
  type JsonValue,
  type ReasoningConfig,
} from '@fluxcore/message';

/** Anthropic's smallest accepted `budget_tokens`. */
export const MIN_THINKING_BUDGET = 1024;

/**
 * What `thinking` says in IR terms. `keepRaw` is set when the wire object holds more than the
 * IR models (`adaptive`, `display`), so the caller keeps it in extras for a lossless trip.
 */
export function parseThinking(value: JsonValue): { reasoning: ReasoningConfig; keepRaw: boolean } {
  const thinking = expectObject(value, 'thinking', invalidRequest);
  const extraKeys = Object.keys(thinking).some((key) => key !== 'type' && key !== 'budget_tokens');
  switch (thinking.type) {
    case 'enabled': {
      const budgetTokens = optionalCount(thinking.budget_tokens, 'thinking.budget_tokens', invalidRequest);
      if (budgetTokens === undefined) throw invalidRequest('thinking.budget_tokens', 'an integer >= 1024');
      return { reasoning: { enabled: true, budgetTokens }, keepRaw: extraKeys };
    }
    case 'disabled':
      return { reasoning: { enabled: false }, keepRaw: extraKeys };
    case 'adaptive':
      return { reasoning: { enabled: true }, keepRaw: true };
    default:
      throw invalidRequest('thinking.type', 'one of "enabled", "disabled", "adaptive"');
  }
}

/** The `thinking` object and `max_tokens` to send. */
export interface ThinkingPlan {
  thinking?: JsonObject;
  maxTokens: number;
}

/**
 * Resolve IR reasoning into Anthropic's `thinking`, whose `budget_tokens` must be >= 1024 and
 * < `max_tokens`:
 * - the budget is `budgetTokens`, else the effort's entry in REASONING_EFFORT_BUDGET, else
 *   (reasoning merely enabled) the `medium` entry — unless the client's own Anthropic
 *   `thinking` object (e.g. `adaptive`) is in extras, which then stands;
 * - a budget of 0 (Gemini's "off") or `enabled: false` sends `{type:"disabled"}`;
 * - a budget under 1024 is raised to 1024;
 * - when the budget does not fit under `max_tokens`, `max_tokens` grows to budget + the
 *   requested max (the caller's limit then bounds the visible answer, as in the Vercel AI SDK);
 * - `max_tokens: 0` (cache pre-warm, nothing generated) sends no thinking at all;
 * - a tool choice that forces a call (`any`, a named tool) sends no thinking either: Anthropic
 *   rejects thinking with forced tool use, and the forced call is the caller's hard requirement.
 * Fields of the extras `thinking` the IR does not model (`display`) are kept when the type agrees.
 */
export function planThinking(
  reasoning: ReasoningConfig | undefined,
  maxTokens: number | undefined,
  raw: JsonValue | undefined,
  forcedToolUse = false,
): ThinkingPlan {
  const max = maxTokens ?? DEFAULT_MAX_TOKENS;
  if (forcedToolUse && reasoning?.enabled !== false && reasoning?.budgetTokens !== 0) return { maxTokens: max };
  const rawThinking = isObject(raw) ? raw : undefined;
  const asked = requestedBudget(reasoning);
  if (asked === undefined) return rawThinking === undefined || max === 0 ? { maxTokens: max } : { thinking: rawThinking, maxTokens: max };
  if (asked === 'disabled' || max === 0) return { ...(asked === 'disabled' ? { thinking: merge(rawThinking, { type: 'disabled' }) } : {}), maxTokens: max };
  if (asked === 'unspecified' && rawThinking !== undefined) return { thinking: rawThinking, maxTokens: max };
  const budget = Math.max(asked === 'unspecified' ? REASONING_EFFORT_BUDGET.medium : asked, MIN_THINKING_BUDGET);
  return { thinking: merge(rawThinking, { type: 'enabled', budget_tokens: budget }), maxTokens: budget < max ? max : budget + max };
}

function requestedBudget(reasoning: ReasoningConfig | undefined): number | 'disabled' | 'unspecified' | undefined {
  if (reasoning === undefined) return undefined;
  if (reasoning.enabled === false || reasoning.budgetTokens === 0) return 'disabled';
  if (reasoning.budgetTokens !== undefined && reasoning.budgetTokens > 0) return reasoning.budgetTokens;
  if (reasoning.effort !== undefined) return REASONING_EFFORT_BUDGET[reasoning.effort];
  return reasoning.enabled === true || reasoning.budgetTokens !== undefined ? 'unspecified' : undefined;
}

function merge(raw: JsonObject | undefined, derived: JsonObject): JsonObject {
  return raw !== undefined && raw.type === derived.type ? { ...raw, ...derived } : derived;
}
