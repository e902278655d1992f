import type { AssistantPart, JsonObject, JsonValue, ToolCallPart } from '@fluxcore/message';
import { isObject, jsonText, upstreamProtocol } from '../shared/wire-input.js';
import { ToolCallIds } from './tool-ids.js';

/** Tool calls of a response or `tool-calls-generation` event, with their derived ids. */
export function readToolCalls(raw: JsonValue | undefined): ToolCallPart[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw upstreamProtocol('tool_calls is not an array');
  const ids = new ToolCallIds();
  return raw.map((call, i) => {
    if (!isObject(call) || typeof call.name !== 'string') throw upstreamProtocol(`tool_calls[${i}] has no name`);
    const parameters = isObject(call.parameters) ? call.parameters : {};
    const args = jsonText(parameters, () => upstreamProtocol(`tool_calls[${i}].parameters is nested too deeply to serialise`));
    return { type: 'tool-call', id: ids.next(call.name, parameters), name: call.name, arguments: args };
  });
}

/** Complete v1 tool calls. Unparseable arguments cannot be expressed as an object and become `{}`. */
export function wireToolCalls(parts: ReadonlyArray<AssistantPart | { type: 'tool-call'; name: string; arguments: string }>): JsonObject[] {
  const calls: JsonObject[] = [];
  for (const part of parts) {
    if (part.type === 'tool-call') calls.push({ name: part.name, parameters: argumentsObject(part.arguments) });
  }
  return calls;
}

function argumentsObject(text: string): JsonObject {
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}
