import type { JsonObject, JsonValue, ProviderExtras } from '@fluxcore/message';
import { isObject } from './read.js';

/** The protocol name that keys this adapter's entries in `extras`. */
export const PROTOCOL = 'anthropic';

/**
 * Extras key for content blocks the IR does not model (`server_tool_use`, `search_result`,
 * `web_search_tool_result`, images by `file_id`, ...), kept with their position so that a
 * same-protocol trip puts them back where they were. Other protocols ignore them.
 */
export const UNMODELLED_BLOCKS = 'unmodelled_blocks';

/** Extras key for tools the IR does not model (server tools such as `web_search_20250305`). */
export const UNMODELLED_TOOLS = 'unmodelled_tools';

/** This protocol's extras on any IR object. */
export function ownExtras(holder: { extras?: ProviderExtras }): JsonObject | undefined {
  return holder.extras?.[PROTOCOL];
}

/** `{ extras: { anthropic: fields } }`, or nothing when there are no fields. */
export function extrasField(fields: JsonObject | undefined): { extras?: ProviderExtras } {
  return fields === undefined || Object.keys(fields).length === 0 ? {} : { extras: { [PROTOCOL]: fields } };
}

/** An opaque wire item remembered at its position in a list. */
export interface Positioned {
  index: number;
  item: JsonObject;
}

/** Encode positioned items for storage in extras. */
export function storePositioned(items: Positioned[]): JsonValue {
  return items.map(({ index, item }) => ({ index, item }));
}

/** Read positioned items back from extras (malformed entries are ignored). */
export function loadPositioned(value: JsonValue | undefined): Positioned[] {
  if (!Array.isArray(value)) return [];
  const items: Positioned[] = [];
  for (const entry of value) {
    if (isObject(entry) && typeof entry.index === 'number' && isObject(entry.item)) items.push({ index: entry.index, item: entry.item });
  }
  return items;
}

/** Put remembered items back into a rebuilt list at their original positions. */
export function reinsert(list: JsonObject[], items: Positioned[]): JsonObject[] {
  const out = [...list];
  for (const { index, item } of [...items].sort((a, b) => a.index - b.index)) out.splice(Math.min(index, out.length), 0, item);
  return out;
}

/** `extras` without the given internal keys (what may be copied onto a wire object). */
export function withoutKeys(extras: JsonObject | undefined, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(extras ?? {})) if (!keys.includes(key)) out[key] = value;
  return out;
}
