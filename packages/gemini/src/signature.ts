import type { JsonObject, OpaqueSignature } from '@fluxcore/message';

/** The provider family whose signatures this adapter sends back. */
export const GEMINI_FAMILY = 'gemini';

/** Wrap a `thoughtSignature` from the wire. */
export function geminiSignature(value: string | undefined): OpaqueSignature | undefined {
  return value === undefined ? undefined : { family: GEMINI_FAMILY, value };
}

/** The wire value of a signature, only when Gemini issued it (others are never sent to Gemini). */
export function ownSignature(signature: OpaqueSignature | undefined): string | undefined {
  return signature?.family === GEMINI_FAMILY ? signature.value : undefined;
}

/**
 * Documented value that lets Gemini 3 accept a function call whose signature was lost, e.g.
 * one that another provider made (https://ai.google.dev/gemini-api/docs/thought-signatures).
 */
export const SKIP_SIGNATURE_VALIDATION = 'skip_thought_signature_validator';

/** Gemini 3 rejects a turn whose first function call has no signature; use the documented bypass. */
export function markFirstCall(parts: JsonObject[]): void {
  const first = parts.find((part) => 'functionCall' in part);
  if (first !== undefined && first.thoughtSignature === undefined) first.thoughtSignature = SKIP_SIGNATURE_VALIDATION;
}
