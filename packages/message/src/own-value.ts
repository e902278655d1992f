/**
 * `table[key]` when `key` is one of the table's own keys, else undefined. Wire strings index
 * tables of documented values (finish reasons, error types): an own-key lookup keeps a value
 * such as `constructor` or `__proto__` from finding Object's members.
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
