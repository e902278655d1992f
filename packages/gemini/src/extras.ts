import { isObject, type JsonObject, type JsonValue, type ProviderExtras } from '@fluxcore/message';

/** `{ gemini: {...} }`, or undefined when nothing is left over. */
export function geminiExtras(fields: JsonObject | undefined): ProviderExtras | undefined {
  return fields === undefined || Object.keys(fields).length === 0 ? undefined : { gemini: fields };
}

/** A kept Gemini field that should hold an object, or an empty one (extras are caller-editable). */
export function extrasObject(value: JsonValue | undefined): JsonObject {
  return isObject(value) ? value : {};
}
