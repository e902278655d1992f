import type { OpaqueSignature } from '@fluxcore/message';

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
