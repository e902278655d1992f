import fc from 'fast-check';
import { type JsonObject, type JsonValue } from '@fluxcore/message';
import { JsonShape } from '@fluxcore/message/internal';
import { afterAll, describe, expect, it } from 'vitest';
import { fuzz, RUNS_PER_PROPERTY } from './fuzz.js';
import { SPECIAL_STRINGS } from './json.js';
import { writeTally } from './tally.js';
import { stopWatchdog } from './watchdog.js';

afterAll(async () => {
  writeTally(import.meta.url);
  await stopWatchdog();
});

/** Characters that matter to a JSON reader, and some that do not. */
const JSON_CHARS = [
  '"',
  '\\',
  '\\"',
  '\\\\',
  '\\u',
  '\\n',
  'u00e9',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  ' ',
  '\n',
  '\u0000',
  '\u001f',
  'a',
  '0',
  '1',
  '-',
  '+',
  '.',
  'e',
  'E',
  'é',
  '🙂',
  '\uD800',
  'null',
  'true',
];

/** A string that a JSON text may hold, made of the characters above and the usual suspects. */
const slotString = fc.oneof(
  fc.constantFrom(...SPECIAL_STRINGS),
  fc.array(fc.constantFrom(...JSON_CHARS), { maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

/** A number as JSON.stringify may write it: integers, fractions, exponents. */
const slotNumber = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 1e21, 1e-7, 0.1));

/** A chunk-like object: an envelope of random JSON around an object whose `text` (and `count`) are open. */
const shaped = fc.record({
  before: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  after: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  text: slotString,
  count: fc.option(slotNumber, { nil: undefined }),
  padding: fc.option(slotString, { nil: undefined }),
});

type Shaped = typeof shaped extends fc.Arbitrary<infer T> ? T : never;

/** The JSON text of a shaped value, as JSON.stringify writes it. */
function textOf({ before, after, text, count, padding }: Shaped): string {
  return JSON.stringify({ ...before, inner: { ...after, text, ...(count === undefined ? {} : { count }) }, ...(padding === undefined ? {} : { padding }) });
}

/** The shape of a shaped value's text, with `inner.text` and `padding` open. */
function learn(json: string): JsonShape | undefined {
  const value = JSON.parse(json) as JsonObject;
  const inner = value.inner as JsonObject;
  const slots = [{ object: inner, key: 'text' }];
  if (typeof inner.count === 'number') slots.push({ object: inner, key: 'count' });
  if (typeof value.padding === 'string') slots.push({ object: value, key: 'padding' });
  return JsonShape.learn(json, value, slots);
}

/** Insert, delete or replace one piece of `text` at a random place. */
const edit = fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom('', ...JSON_CHARS));
function applyEdit(text: string, [at, removed, inserted]: [number, number, string]): string {
  const position = at % (text.length + 1);
  return text.slice(0, position) + inserted + text.slice(position + removed);
}

/** JSON.parse's answer, or undefined when it refuses. */
function parsed(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

/** Text that may or may not be a JSON number: its characters in any order. */
const numberish = fc
  .array(fc.constantFrom('0', '1', '9', '-', '+', '.', 'e', 'E', ' ', '"', 'x'), { minLength: 0, maxLength: 8 })
  .map((parts) => parts.join(''));

describe('JsonShape', () => {
  it('learns every text JSON.stringify wrote, and reads its look-alikes with other strings and numbers as JSON.parse does', () => {
    fuzz(
      'JsonShape: other strings and numbers',
      fc.tuple(shaped, slotString, slotNumber, slotString),
      ([input, text, count, padding]) => {
        const shape = learn(textOf(input));
        expect(shape).toBeDefined();
        const next = textOf({
          ...input,
          text,
          count: input.count === undefined ? undefined : count,
          padding: input.padding === undefined ? undefined : padding,
        });
        expect(shape!.read(next)).toEqual(JSON.parse(next));
      },
      RUNS_PER_PROPERTY,
    );
  });

  it('reads an edited text only when JSON.parse gives exactly what it reads, malformed texts included', () => {
    fuzz(
      'JsonShape: edited texts',
      fc.tuple(shaped, fc.array(edit, { minLength: 1, maxLength: 3 })),
      ([input, edits]) => {
        const json = textOf(input);
        expectReadOnlyAsParsed(json, edits.reduce(applyEdit, json));
      },
      RUNS_PER_PROPERTY,
    );
  });

  it('reads an open number only when JSON.parse reads the same number there', () => {
    fuzz(
      'JsonShape: number tokens',
      fc.tuple(shaped, slotNumber, numberish),
      ([input, count, raw]) => {
        const json = textOf({ ...input, count });
        const token = `"count":${JSON.stringify(count)}`;
        expectReadOnlyAsParsed(json, json.replace(token, `"count":${raw}`));
      },
      RUNS_PER_PROPERTY,
    );
  });
});

/** The shape learned from `json` reads `text` only when JSON.parse gives the same value for it. */
function expectReadOnlyAsParsed(json: string, text: string): void {
  const read = learn(json)!.read(text);
  if (read === undefined) return;
  const expected = parsed(text);
  expect(expected, `read a text JSON.parse refuses: ${text}`).toBeDefined();
  expect(read).toEqual(expected);
}
