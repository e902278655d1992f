import fc from 'fast-check';

/** The field names and short string values a protocol uses, so random input gets past the first type check. */
export interface Vocabulary {
  keys: string[];
  strings: string[];
}

/** Keys that trip code indexing plain objects with wire strings (`TABLE[value]`). */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

/** Strings parsers tend to mishandle. */
const ODD_STRINGS = [
  '',
  ' ',
  ...PROTOTYPE_KEYS,
  'NaN',
  '-1',
  '1e309',
  'null',
  'true',
  '[DONE]',
  '\u0000',
  '\uD800',
  '\uFEFF',
  'a\r\nb',
  'data: {}',
  '日本語🙂',
];

/** Numbers JSON.parse can produce (`1e309` gives Infinity) and then some. */
const ODD_NUMBERS = [0, -0, -1, 1, 0.5, -1.5, 2 ** 31, 2 ** 53 + 2, Number.MAX_VALUE, Infinity, -Infinity];

/** Every key, and every string of at most 40 characters, found in these JSON values. */
export function vocabularyOf(values: readonly unknown[]): Vocabulary {
  const keys = new Set<string>();
  const strings = new Set<string>();
  const pending = [...values];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string' && value.length <= 40) strings.add(value);
    else if (Array.isArray(value)) pending.push(...value);
    else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) keys.add(key);
      pending.push(...Object.values(value));
    }
  }
  return { keys: [...keys, ...PROTOTYPE_KEYS], strings: [...strings, ...ODD_STRINGS] };
}

/** Any value JSON.parse could return, built mostly from the protocol's own words. */
export function anyJson(vocabulary: Vocabulary): fc.Arbitrary<unknown> {
  const string = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...vocabulary.strings) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
  const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...vocabulary.keys) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
  const leaf = fc.oneof(string, fc.constantFrom(...ODD_NUMBERS), fc.integer(), fc.boolean(), fc.constant(null));
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ maxDepth: 4, depthIdentifier: 'json' }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4, depthIdentifier: 'json' }),
    // fromEntries defines own properties, as JSON.parse does: "__proto__" stays a plain key.
    object: fc.array(fc.tuple(key, tie('value')), { maxLength: 6, depthIdentifier: 'json' }).map((entries) => Object.fromEntries(entries)),
  }));
  return value;
}

type Path = ReadonlyArray<string | number>;

/** Every path to a value inside `root`, the root itself excluded. */
function pathsOf(root: unknown, path: Path = []): Path[] {
  if (typeof root !== 'object' || root === null) return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(root) ? root.map((item, i) => [i, item]) : Object.entries(root);
  return entries.flatMap(([step, inner]) => [[...path, step], ...pathsOf(inner, [...path, step])]);
}

/** A copy of `root` with the value at `path` replaced, or removed when `replacement` is undefined. */
function replaced(root: unknown, path: Path, replacement: unknown): unknown {
  const copy: unknown = structuredClone(root);
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (replacement !== undefined) Object.defineProperty(parent, last, { value: replacement, enumerable: true, writable: true, configurable: true });
  else if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else delete parent[last];
  return copy;
}

/** `root` with one to three fields dropped, nulled, retyped or replaced by random JSON. */
export function mutatedFrom(root: unknown, vocabulary: Vocabulary): fc.Arbitrary<unknown> {
  const paths = pathsOf(root);
  if (paths.length === 0) return anyJson(vocabulary);
  const replacement = fc.oneof(fc.constant(undefined), fc.constant(null), anyJson(vocabulary));
  const mutation = fc.tuple(fc.constantFrom(...paths), replacement);
  return fc
    .array(mutation, { minLength: 1, maxLength: 3 })
    .map((mutations) => mutations.reduce((value, [path, next]) => (reachable(value, path) ? replaced(value, path, next) : value), root));
}

function reachable(root: unknown, path: Path): boolean {
  let value = root;
  for (const step of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, step)) return false;
    value = (value as Record<string | number, unknown>)[step];
  }
  return true;
}

/** The JSON payload of a frame (an SSE `data:` line or an NDJSON line) and the text around it. */
function payloadOf(frame: string): { before: string; json: unknown; after: string } | undefined {
  const start = frame.indexOf('{');
  const end = frame.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  try {
    return { before: frame.slice(0, start), json: JSON.parse(frame.slice(start, end + 1)) as unknown, after: frame.slice(end + 1) };
  } catch {
    return undefined;
  }
}

/** A stream's frames changed once: a frame dropped, repeated, swapped, its payload mutated, garbage added, or the stream cut short. */
export function mutatedStream(frames: readonly string[], vocabulary: Vocabulary): fc.Arbitrary<readonly string[]> {
  const at = fc.nat({ max: Math.max(0, frames.length - 1) });
  const edit = (i: number, change: (frame: string) => string[]) => frames.flatMap((frame, j) => (i === j ? change(frame) : [frame]));
  const mutatedPayload = (i: number) => {
    const payload = payloadOf(frames[i] ?? '');
    if (payload === undefined) return fc.constant(frames);
    return mutatedFrom(payload.json, vocabulary).map((json) => edit(i, () => [`${payload.before}${JSON.stringify(json) ?? 'null'}${payload.after}`]));
  };
  return fc.oneof(
    at.map((i) => edit(i, () => [])),
    at.map((i) => edit(i, (frame) => [frame, frame])),
    fc.tuple(at, at).map(([i, j]) => frames.map((frame, k) => (k === i ? frames[j]! : k === j ? frames[i]! : frame))),
    { weight: 4, arbitrary: at.chain(mutatedPayload) },
    fc.tuple(at, fc.string({ maxLength: 20 })).map(([i, garbage]) => edit(i, (frame) => [frame, `${garbage}\n\n`])),
    fc.nat().map((cut) => {
      const wire = frames.join('');
      return [wire.slice(0, cut % (wire.length + 1))];
    }),
  );
}

/** Where to cut a byte stream: a few offsets anywhere (taken modulo its length). */
export const cutOffsets: fc.Arbitrary<number[]> = fc.array(fc.nat(), { maxLength: 8 });
