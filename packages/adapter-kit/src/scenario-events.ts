import type { StreamEvent } from '@fluxcore/message';
import type { Scenario } from './simulator.js';

/**
 * The IR events a decoder would give for a scenario: start, a text block in deltas of
 * `chunkSize` characters, one block per tool call with its arguments in fragments, the usage,
 * then finish. What an encoder is fed, independent of any decoder.
 */
export function eventsOf(scenario: Scenario, model: string): StreamEvent[] {
  const size = scenario.chunkSize ?? 4;
  const events: StreamEvent[] = [{ type: 'start', id: scenario.id ?? 'kit-answer', model: scenario.model ?? model }];
  let index = 0;
  if (scenario.text !== undefined && scenario.text !== '') {
    events.push({ type: 'text-start', index });
    for (const piece of pieces(scenario.text, size)) events.push({ type: 'text-delta', index, text: piece });
    events.push({ type: 'text-end', index: index++ });
  }
  for (const [n, call] of (scenario.toolCalls ?? []).entries()) {
    events.push({ type: 'tool-call-start', index, id: call.id ?? `call_kit_${n}`, name: call.name });
    for (const piece of pieces(JSON.stringify(call.arguments), size)) events.push({ type: 'tool-call-delta', index, argumentsDelta: piece });
    events.push({ type: 'tool-call-end', index: index++ });
  }
  const usage =
    scenario.usage === null || scenario.usage === undefined
      ? undefined
      : { inputTokens: scenario.usage.inputTokens, outputTokens: scenario.usage.outputTokens };
  if (usage !== undefined) events.push({ type: 'usage', usage });
  const finishReason = scenario.finish ?? ((scenario.toolCalls ?? []).length > 0 ? 'tool_calls' : 'stop');
  events.push({ type: 'finish', finishReason, ...(usage === undefined ? {} : { usage }) });
  return events;
}

/** `text` in pieces of `size` characters, never splitting a surrogate pair. */
export function pieces(text: string, size: number): string[] {
  const characters = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < characters.length; i += size) out.push(characters.slice(i, i + size).join(''));
  return out;
}
