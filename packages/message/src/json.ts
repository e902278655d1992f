/** A JSON value as it appears on the wire. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * Wire fields an adapter read but the IR does not model, kept per protocol name so that a
 * same-protocol trip loses nothing (`{ anthropic: { metadata: {...} } }`). An adapter writes
 * back only its own protocol's entry; other protocols ignore it.
 */
export type ProviderExtras = Record<string, JsonObject>;
