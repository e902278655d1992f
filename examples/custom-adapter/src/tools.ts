import { FieldReader, isObject, jsonText, tryParseJson, type FieldFailure, type JsonObject, type JsonValue } from '@fluxcore/message';

/** A tool's or a tool call's `function` (Ollama's tools and calls both have one), read at `path`. */
export interface NamedFunction {
  name: string;
  fields: FieldReader;
}

/** The `function` of the tool or tool call `item` at `path`, which must at least have a name. */
export function functionOf(item: JsonValue | undefined, path: string, fail: FieldFailure): NamedFunction {
  const fn = isObject(item) ? item.function : undefined;
  if (!isObject(fn) || typeof fn.name !== 'string') throw fail(`${path}.function.name`, 'a string');
  return { name: fn.name, fields: new FieldReader(fn, `${path}.function`, fail) };
}

/** A call's `arguments` (an object in Ollama; text is taken as it is) as the IR's JSON text. */
export function argumentsText(fn: FieldReader): string {
  const args = fn.raw('arguments') ?? {};
  return typeof args === 'string' ? args : jsonText(args, fn.at('arguments'), fn.fail);
}

/** The tool calls of an answer's `message`, each with its arguments as JSON text. */
export function readToolCalls(message: FieldReader, fail: FieldFailure): Array<{ name: string; arguments: string }> {
  return (message.array('tool_calls') ?? []).map((call, i) => {
    const { name, fields } = functionOf(call, `${message.at('tool_calls')}[${i}]`, fail);
    return { name, arguments: argumentsText(fields) };
  });
}

/** A written tool call: `{ function: { name, arguments } }`. */
export function wireToolCall(name: string, args: string): JsonObject {
  return { function: { name, arguments: argumentsObject(args) } };
}

/**
 * Tool-call arguments as the object Ollama wants. The IR keeps them as the JSON text the model
 * produced, which may be empty or not an object: those become `{}`, since Ollama cannot carry them.
 */
function argumentsObject(text: string): JsonObject {
  const parsed = tryParseJson(text);
  return isObject(parsed) ? parsed : {};
}
