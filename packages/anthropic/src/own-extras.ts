import type { JsonObject, ProviderExtras } from '@fluxcore/message';

/** This protocol's name: it keys the adapter's entries in `extras` and marks its signatures. */
export const PROTOCOL = 'anthropic';

/** This protocol's extras on any IR object. */
export function ownExtras(holder: { extras?: ProviderExtras }): JsonObject | undefined {
  return holder.extras?.[PROTOCOL];
}

/** `{ extras: { anthropic: fields } }`, or nothing when there are no fields. */
export function extrasField(fields: JsonObject | undefined): { extras?: ProviderExtras } {
  return fields === undefined || Object.keys(fields).length === 0 ? {} : { extras: { [PROTOCOL]: fields } };
}
