import type { Scenario, ScenarioUsage } from '@fluxcore/adapter-kit';

/** The scenario's finish reason, defaulted as `Scenario.finish` documents. */
export function finishOf(scenario: Scenario): NonNullable<Scenario['finish']> {
  return scenario.finish ?? (scenario.toolCalls?.length ? 'tool_calls' : 'stop');
}

/** The usage to report: none when the scenario says `null`, `fallback` when it says nothing. */
export function usageOf(scenario: Scenario, fallback: ScenarioUsage = { inputTokens: 10, outputTokens: 5 }): ScenarioUsage | undefined {
  if (scenario.usage === null) return undefined;
  return scenario.usage ?? fallback;
}

/** `text` cut into deltas of `size` code points (a character is never split). */
export function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}
