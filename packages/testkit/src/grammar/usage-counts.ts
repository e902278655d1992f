import { isObject, type JsonObject } from '@fluxcore/message';

/**
 * A wire usage block as `GrammarResult.usage` reports it: each number under its field name, each
 * number one object down as `outer.inner` (`prompt_tokens_details.cached_tokens`); anything else
 * is left out. `onNotCount` hears of each nested value that is neither a number nor null, for a
 * validator whose SDK requires numbers there.
 */
export function usageCounts(usage: JsonObject, onNotCount?: (path: string) => void): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(usage)) {
    if (typeof value === 'number') out[key] = value;
    else if (isObject(value)) {
      for (const [inner, n] of Object.entries(value)) {
        if (typeof n === 'number') out[`${key}.${inner}`] = n;
        else if (n !== null) onNotCount?.(`${key}.${inner}`);
      }
    }
  }
  return out;
}
