import fc from 'fast-check';
import { nested } from './json.js';
import { applyMutations, pathsOf, type JsonPath } from './mutate.js';

/**
 * Depths JSON.parse accepts but JSON.stringify and structuredClone do not (V8 gives up near
 * 5,000 levels): a 20 KB body of brackets reaches them. One depth is enough: the limit is the
 * same for every depth beyond it, and building deeper values only costs time.
 */
export const EXTREME_DEPTHS = [10_000];

/** The deep values, built once: parsers must not change their input, so runs can share them. */
const deepValues = new Map<string, unknown>();
function deepValue(depth: number, asArrays: boolean): unknown {
  const key = `${depth}:${asArrays}`;
  if (!deepValues.has(key)) deepValues.set(key, nested(depth, asArrays));
  return deepValues.get(key);
}

/** A payload with one deeply nested field; reported by its recipe, since it cannot be printed. */
export class DeepPayload {
  constructor(
    readonly fixture: string,
    readonly path: JsonPath,
    readonly depth: number,
    readonly asArrays: boolean,
    readonly value: unknown,
  ) {}

  [fc.toStringMethod](): string {
    return `${this.fixture} with ${JSON.stringify(this.path)} replaced by ${this.depth} nested ${this.asArrays ? 'arrays' : 'objects'}`;
  }
}

/** A fixture with one field replaced by arrays or objects nested to an extreme depth. */
export function deeplyNestedFrom(fixtures: ReadonlyArray<{ name: string; value: unknown }>): fc.Arbitrary<DeepPayload> {
  return fc
    .constantFrom(...fixtures)
    .chain(({ name, value }) =>
      fc
        .tuple(fc.constantFrom(...pathsOf(value)), fc.constantFrom(...EXTREME_DEPTHS), fc.boolean())
        .map(
          ([path, depth, asArrays]) => new DeepPayload(name, path, depth, asArrays, applyMutations(value, [{ path, replacement: deepValue(depth, asArrays) }])),
        ),
    );
}

const PLACEHOLDER = '__fuzz_deep_value__';

/** JSON text of `root` with the value at `path` replaced by `depth` levels of nesting (built as text: JSON.stringify could not). */
export function deepJsonText(root: unknown, path: JsonPath, depth: number, asArrays: boolean): string {
  const text = JSON.stringify(applyMutations(root, [{ path, replacement: PLACEHOLDER }]));
  const deep = asArrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return text.replace(`"${PLACEHOLDER}"`, deep);
}
