import type { JsonObject } from '@fluxcore/message';

/** The protocol name: the key of this adapter's entries in `extras`. */
export const PROTOCOL = 'openai';

/** The unmodelled fields of a wire object as an IR `extras` property (none when there are none), for a lossless same-protocol trip. */
export function extrasField(rest: JsonObject | undefined): { extras?: Record<string, JsonObject> } {
  return rest === undefined ? {} : { extras: { [PROTOCOL]: rest } };
}

/** A copy of this protocol's extras of an IR item, to spread into the wire object written for it. */
export function ownExtras(extras: Record<string, JsonObject> | undefined): JsonObject {
  return { ...extras?.[PROTOCOL] };
}
