/** How deep {@link deeplyNestedJson} nests by default: deeper than JSON.stringify's stack allows. */
const TOO_DEEP = 10_000;

/**
 * JSON text of objects nested `depth` deep, `{"a":{"a":...1...}}`. With the default depth
 * JSON.parse reads it, but JSON.stringify cannot write the parsed value back: the input that
 * shows whether a parser re-serialising a field checks its depth first.
 */
export function deeplyNestedJson(depth: number = TOO_DEEP): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** {@link deeplyNestedJson}, parsed: a fresh value each time. */
export function deeplyNested(depth?: number): unknown {
  return JSON.parse(deeplyNestedJson(depth));
}
