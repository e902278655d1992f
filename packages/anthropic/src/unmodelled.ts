import { isObject, type JsonObject, type JsonValue } from '@fluxcore/message';

/**
 * Extras key for content blocks the IR does not model (`server_tool_use`, `search_result`,
 * `web_search_tool_result`, images by `file_id`, ...), kept with their position so that a
 * same-protocol trip puts them back where they were. Other protocols ignore them.
 */
export const UNMODELLED_BLOCKS = 'unmodelled_blocks';

/** Extras key for tools the IR does not model (server tools such as `web_search_20250305`). */
export const UNMODELLED_TOOLS = 'unmodelled_tools';

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
