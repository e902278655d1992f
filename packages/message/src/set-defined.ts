/**
 * Sets `target[key]` to `value` unless it is undefined, so an object holds only the fields that
 * were given (0, false and '' are values and are set).
 */
export function setDefined<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
