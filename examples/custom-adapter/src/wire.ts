import { FluxError } from '@fluxcore/errors';
import type { JsonObject } from '@fluxcore/message';

/** The adapter's `name`: the key of its `extras` and what `call` compares for the fast path. */
export const PROTOCOL = 'ollama';

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The client's request is wrong: name the field and say what was expected. */
export function invalidRequest(param: string, expected: string): FluxError {
  return new FluxError({ category: 'invalid_request', message: `${param}: ${expected}`, param });
}

/** The upstream answered with something this adapter cannot read. */
export function upstreamProtocol(message: string, cause?: unknown): FluxError {
  return new FluxError({ category: 'upstream_protocol', message: `ollama: ${message}`, cause });
}

/**
 * Tool-call arguments as the object Ollama wants. The IR keeps them as the JSON text the model
 * produced, which may be empty or not an object: those become `{}`, since Ollama cannot carry them.
 */
export function argumentsObject(text: string): JsonObject {
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}
