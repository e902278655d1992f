import { isObject, type JsonObject, type TokenUsage } from '@fluxcore/message';
import { writeCohereUsage } from '../shared/usage.js';

/** `meta` with the API version, token counts and (when known) the provider's own billed units. */
export function v1Meta(usage: Partial<TokenUsage> | undefined, kept?: JsonObject): JsonObject {
  const meta: JsonObject = { api_version: { version: '1' }, ...kept };
  if (usage === undefined || Object.keys(usage).length === 0) return meta;
  const billed = isObject(kept?.billed_units) ? kept.billed_units : undefined;
  const wire = writeCohereUsage(usage, billed);
  return { ...meta, ...wire };
}
