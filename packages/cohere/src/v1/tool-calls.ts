import { isObject, jsonText, optionalArray, tryParseJson, type AssistantPart, type JsonObject, type JsonValue, type ToolCallPart } from '@fluxcore/message';
import { badUpstream } from '../shared/errors.js';
import { ToolCallIds } from './tool-ids.js';

/** Tool calls of a response or `tool-calls-generation` event, with their derived ids. */
export function readToolCalls(raw: JsonValue | undefined): ToolCallPart[] {
  const calls = optionalArray(raw, 'tool_calls', badUpstream) ?? [];
  const ids = new ToolCallIds();
  return calls.map((call, i) => {
    if (!isObject(call) || typeof call.name !== 'string') throw badUpstream(`tool_calls[${i}].name`, 'a string');
    const parameters = isObject(call.parameters) ? call.parameters : {};
    const args = jsonText(parameters, `tool_calls[${i}].parameters`, badUpstream);
    return { type: 'tool-call', id: ids.next(call.name, parameters), name: call.name, arguments: args };
  });
}

/** Complete v1 tool calls. Arguments that are not a JSON object cannot be expressed and become `{}`. */
export function wireToolCalls(parts: ReadonlyArray<AssistantPart | { type: 'tool-call'; name: string; arguments: string }>): JsonObject[] {
  const calls: JsonObject[] = [];
  for (const part of parts) {
    if (part.type === 'tool-call') calls.push({ name: part.name, parameters: argumentsObject(part.arguments) });
  }
  return calls;
}

function argumentsObject(text: string): JsonObject {
  const parsed = tryParseJson(text);
  return isObject(parsed) ? parsed : {};
}
