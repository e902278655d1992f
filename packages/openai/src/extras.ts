import type { JsonObject } from '@fluxcore/message';
import { unknownFields } from './read.js';

/** The protocol name: the key of this adapter's entries in `extras`. */
export const PROTOCOL = 'openai';

/** The unmodelled fields of a wire object (those not in `known`) as IR extras, for a lossless same-protocol trip. */
export function extrasOf(raw: JsonObject, known: ReadonlySet<string>): { extras?: Record<string, JsonObject> } {
  const rest = unknownFields(raw, known);
  return rest === undefined ? {} : { extras: { [PROTOCOL]: rest } };
}

/** A copy of this protocol's extras of an IR item, to spread into the wire object written for it. */
export function ownExtras(extras: Record<string, JsonObject> | undefined): JsonObject {
  return { ...extras?.[PROTOCOL] };
}
