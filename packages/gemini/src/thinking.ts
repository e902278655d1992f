import { invalidRequest, REASONING_EFFORT_BUDGET, type FieldReader, type JsonObject, type ReasoningConfig } from '@fluxcore/message';
import { camelRecord } from './camel-keys.js';

const THINKING_LEVELS = { MINIMAL: 'minimal', LOW: 'low', MEDIUM: 'medium', HIGH: 'high' } as const;

/** Gemini 3 models take a `thinkingLevel`; older ones only a `thinkingBudget`. */
export function isGemini3(model: string): boolean {
  return /gemini-3/i.test(model);
}

/**
 * `thinkingConfig`: `thinkingBudget` 0 turns thinking off, -1 means dynamic (kept in extras),
 * a positive value is a budget; `thinkingLevel` (Gemini 3) maps to an effort.
 */
export function parseThinking(generation: FieldReader, rest: JsonObject): ReasoningConfig | undefined {
  const thinking = camelRecord(generation, 'thinkingConfig');
  if (thinking === undefined) return undefined;
  const reasoning: ReasoningConfig = {};
  const thinkingRest: JsonObject = { ...thinking.rest(new Set(['thinkingBudget', 'includeThoughts', 'thinkingLevel'])) };
  const budget = thinking.integer('thinkingBudget');
  if (budget === 0) reasoning.enabled = false;
  else if (budget !== undefined && budget < 0) {
    reasoning.enabled = true;
    thinkingRest.thinkingBudget = budget;
  } else if (budget !== undefined) reasoning.budgetTokens = budget;
  const level = thinking.string('thinkingLevel');
  if (level !== undefined) {
    const effort = THINKING_LEVELS[level.toUpperCase() as keyof typeof THINKING_LEVELS];
    if (effort === undefined) throw invalidRequest(thinking.at('thinkingLevel'), 'one of MINIMAL, LOW, MEDIUM, HIGH');
    reasoning.effort = effort;
  }
  const includeThoughts = thinking.boolean('includeThoughts');
  if (includeThoughts !== undefined) reasoning.includeThoughts = includeThoughts;
  if (Object.keys(thinkingRest).length > 0) rest.thinkingConfig = thinkingRest;
  return reasoning;
}

/**
 * Reasoning -> `thinkingConfig`. Off -> budget 0; a budget is sent as is; an effort becomes a
 * `thinkingLevel` for Gemini 3 models and a budget (REASONING_EFFORT_BUDGET) for older ones.
 */
export function buildThinking(reasoning: ReasoningConfig | undefined, model: string): JsonObject {
  const thinking: JsonObject = {};
  if (reasoning === undefined) return thinking;
  if (reasoning.enabled === false) thinking.thinkingBudget = 0;
  else if (reasoning.budgetTokens !== undefined) thinking.thinkingBudget = reasoning.budgetTokens;
  else if (reasoning.effort !== undefined) {
    if (isGemini3(model)) thinking.thinkingLevel = reasoning.effort.toUpperCase();
    else thinking.thinkingBudget = REASONING_EFFORT_BUDGET[reasoning.effort];
  }
  if (reasoning.includeThoughts !== undefined) thinking.includeThoughts = reasoning.includeThoughts;
  return thinking;
}
