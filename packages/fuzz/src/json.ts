import fc from 'fast-check';
import { PLANTED_KEY } from './secret.js';

/** Words a protocol uses (its field names and enum values), gathered from its fixtures. */
export interface Vocabulary {
  keys: string[];
  strings: string[];
}

/** Object keys that trip code which indexes plain objects with wire strings. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

/** Strings that parsers tend to mishandle. */
export const SPECIAL_STRINGS = [
  '',
  ' ',
  ...PROTOTYPE_KEYS,
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '1e309',
  '0x1F',
  '  42 ',
  'null',
  'undefined',
  'true',
  '[DONE]',
  '\u0000',
  '\uD800',
  '\uFEFF',
  'a\r\nb',
  'data: {}',
  '日本語🙂',
  PLANTED_KEY,
  `Bearer ${PLANTED_KEY}`,
  `{"error":{"message":"${PLANTED_KEY}"}}`,
];

/**
 * Numbers JSON.parse can produce, and then some: `1e309` parses to Infinity, `-0` stays
 * negative zero, integers beyond 2^53 lose precision.
 */
export const SPECIAL_NUMBERS = [0, -0, -1, 1, 0.5, -1.5, 1e-7, 2 ** 31, 2 ** 32, 2 ** 53 + 2, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity, 1e21];

/** The keys and short string values found anywhere in these JSON values. */
export function vocabularyOf(values: readonly unknown[]): Vocabulary {
  const keys = new Set<string>();
  const strings = new Set<string>();
  const pending: unknown[] = [...values];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string' && value.length <= 40) strings.add(value);
    else if (Array.isArray(value)) pending.push(...value);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        keys.add(key);
        pending.push(inner);
      }
    }
  }
  return { keys: [...keys].sort(), strings: [...strings].sort() };
}

/** A string: mostly the protocol's own words and the troublesome ones, sometimes anything. */
export function stringFrom(vocabulary: Vocabulary): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...vocabulary.strings, ...SPECIAL_STRINGS) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-composite', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  );
}

/** A number JSON could carry, special ones favoured. */
export const jsonNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...SPECIAL_NUMBERS),
  fc.integer({ min: -5, max: 5 }),
  fc.integer(),
  fc.double({ noNaN: true }),
);

function objectFrom(entries: Array<[string, unknown]>): Record<string, unknown> {
  // fromEntries defines own properties, as JSON.parse does: "__proto__" stays a plain key.
  return Object.fromEntries(entries);
}

/**
 * Any value JSON.parse could return (plus Infinity, which it returns for `1e309`), built
 * from the protocol's vocabulary so that random input reaches past the first type check.
 */
export function jsonFrom(vocabulary: Vocabulary, maxDepth = 4): fc.Arbitrary<unknown> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...vocabulary.keys) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  );
  const leaf = fc.oneof(stringFrom(vocabulary), jsonNumber, fc.boolean(), fc.constant(null));
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ maxDepth, depthIdentifier: 'json' }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4, depthIdentifier: 'json' }),
    object: fc.array(fc.tuple(key, tie('value')), { maxLength: 6, depthIdentifier: 'json' }).map(objectFrom),
  }));
  return value;
}

/** Arrays (or objects) nested `depth` levels deep around a small leaf, built without recursion. */
export function nested(depth: number, asArrays: boolean): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = asArrays ? [value] : { a: value };
  return value;
}
