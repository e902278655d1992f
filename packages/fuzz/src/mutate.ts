import fc from 'fast-check';
import { jsonFrom, jsonNumber, nested, PROTOTYPE_KEYS, SPECIAL_STRINGS, type Vocabulary } from './json.js';
import { PLANTED_KEY } from './secret.js';

/** Where a value sits inside a JSON document: keys and array positions from the root. */
export type JsonPath = ReadonlyArray<string | number>;

/** Remove the value at the path (an array element is spliced out). */
export const DROP = Symbol('drop');

/** One field-level change: what to put at `path` (or {@link DROP} to remove it). */
export interface Mutation {
  path: JsonPath;
  replacement: unknown;
}

/** Every path to a value inside `root` (the root itself excluded), parents before children. */
export function pathsOf(root: unknown): JsonPath[] {
  const paths: JsonPath[] = [];
  const pending: Array<[unknown, JsonPath]> = [[root, []]];
  while (pending.length > 0) {
    const [value, path] = pending.shift()!;
    if (path.length > 0) paths.push(path);
    if (Array.isArray(value)) value.forEach((item, i) => pending.push([item, [...path, i]]));
    else if (typeof value === 'object' && value !== null) for (const [key, inner] of Object.entries(value)) pending.push([inner, [...path, key]]);
  }
  return paths;
}

/** Apply mutations to a deep copy of `root`; a path a previous mutation removed is skipped. */
export function applyMutations(root: unknown, mutations: readonly Mutation[]): unknown {
  const copy: unknown = structuredClone(root);
  for (const { path, replacement } of mutations) {
    let parent: unknown = copy;
    for (const step of path.slice(0, -1))
      parent = typeof parent === 'object' && parent !== null ? (parent as Record<string | number, unknown>)[step] : undefined;
    if (typeof parent !== 'object' || parent === null) continue;
    const last = path.at(-1)!;
    if (Array.isArray(parent) && typeof last === 'number') {
      if (last >= parent.length) continue;
      if (replacement === DROP) parent.splice(last, 1);
      else parent[last] = replacement;
    } else if (!Array.isArray(parent) && typeof last === 'string' && Object.hasOwn(parent, last)) {
      const record = parent as Record<string, unknown>;
      if (replacement === DROP) delete record[last];
      else Object.defineProperty(record, last, { value: replacement, enumerable: true, writable: true, configurable: true });
    }
  }
  return copy;
}

/** Sizes of the huge strings: well past any field a real message carries, still quick to build. */
const HUGE_LENGTHS = [20_000, 100_000];

/**
 * Nesting depths within what V8 itself can serialise (JSON.stringify and structuredClone give
 * up near 5,000 levels). Deeper input has a property of its own.
 */
export const MODERATE_DEPTHS = [64, 1_000];

/** What a field may become: gone, null, the wrong type, huge, deeply nested, odd numbers, the key. */
export function replacementFrom(vocabulary: Vocabulary): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(DROP) },
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
    // Wire values used as table keys (`TABLE[raw]`) find Object's members: give them their own arm.
    { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    { weight: 3, arbitrary: jsonNumber },
    { weight: 1, arbitrary: fc.boolean() },
    {
      weight: 2,
      arbitrary: fc.constantFrom<unknown>([], {}, [null], [[]], [{}], { type: 'constructor' }, Object.fromEntries(PROTOTYPE_KEYS.map((key) => [key, {}]))),
    },
    { weight: 3, arbitrary: jsonFrom(vocabulary, 3) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...HUGE_LENGTHS), fc.boolean()).map(([length, withKey]) => 'x'.repeat(length) + (withKey ? PLANTED_KEY : '')),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...MODERATE_DEPTHS), fc.boolean()).map(([depth, asArrays]) => nested(depth, asArrays)) },
  );
}

/** One to three field-level mutations of `root`. */
export function mutationsOf(root: unknown, vocabulary: Vocabulary): fc.Arbitrary<Mutation[]> {
  const paths = pathsOf(root);
  const mutation = fc.record({ path: fc.constantFrom(...paths), replacement: replacementFrom(vocabulary) });
  return fc.array(mutation, { minLength: 1, maxLength: 3 });
}

/** `root` mutated field by field: the value and the mutations that made it (for the report). */
export function mutatedFrom(root: unknown, vocabulary: Vocabulary): fc.Arbitrary<unknown> {
  return mutationsOf(root, vocabulary).map((mutations) => applyMutations(root, mutations));
}
