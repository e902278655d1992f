import type { JsonValue } from '@fluxcore/message';

/**
 * Cohere v1 tool calls have no ids, and results name their call by `{ name, parameters }`.
 * We derive the id from exactly that: a hash of the name and the canonical (key-sorted)
 * parameters, plus `_<n>` for the n-th repeat of an identical call in the same list. The same
 * answer gets the same ids streamed or not, and a result finds its call's id again.
 */
export class ToolCallIds {
  private readonly seen = new Map<string, number>();

  /** The id of the next call (or result) with this name and these parameters. */
  next(name: string, parameters: JsonValue): string {
    const base = `cohere_${fnv1a(`${name}\u0000${canonicalJson(parameters)}`)}`;
    const repeat = this.seen.get(base) ?? 0;
    this.seen.set(base, repeat + 1);
    return repeat === 0 ? base : `${base}_${repeat}`;
  }
}

function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** 32-bit FNV-1a over UTF-16 code units, as 8 hex digits. Stable across runs and platforms. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
