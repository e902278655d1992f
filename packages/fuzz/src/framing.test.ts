import fc from 'fast-check';
import { encodeSse, NdjsonDecoder, SseDecoder } from '@fluxcore/message';
import { afterAll, describe, expect, it } from 'vitest';
import { fuzz, RUNS_PER_PROPERTY } from './fuzz.js';
import { categories, mayOnlyThrow } from './oracle.js';
import { referenceNdjson, referenceSse } from './reference.js';
import { writeTally } from './tally.js';
import { stopWatchdog } from './watchdog.js';
import { chunksOf, splits, type Split } from './wire.js';

afterAll(async () => {
  writeTally(import.meta.url);
  await stopWatchdog();
});

const encoder = new TextEncoder();
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Text made of the pieces that matter to a line-based parser, in any order. */
function textOf(pieces: readonly string[]): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...pieces), { maxLength: 80 }).map((chosen) => chosen.join(''));
}

const LINE_ENDS = ['\n', '\r', '\r\n', '\n\n', '\r\n\r\n'];
const TEXT = ['x', 'é', '🙂', '\uD83D', ' ', '\t', '\0', '\uFEFF', '123', '{"a":1}'];
const sseText = textOf([...LINE_ENDS, ...TEXT, 'data:', 'data: ', 'data', 'event:', 'event: ', 'id:', 'id: ', 'retry:', 'retry: ', ':', ': ', 'dat', 'a:']);
const ndjsonText = textOf([...LINE_ENDS, ...TEXT, '{', '}', '"a"', ':', ',']);

/** How to feed a text: as UTF-8 bytes or as text, cut anywhere. */
const feeding = fc.tuple(fc.constantFrom('bytes' as const, 'text' as const), splits);

/** Feed `text` through `push`/`end` cut by `split`, as bytes (then compared with the decoded whole) or as text. */
function feed<T>(
  decoder: { push(chunk: Uint8Array | string): T[]; end(): T[] },
  text: string,
  mode: 'bytes' | 'text',
  split: Split,
): { out: T[]; whole: string } {
  const out: T[] = [];
  if (mode === 'bytes') {
    const bytes = encoder.encode(text);
    for (const chunk of chunksOf(bytes, split)) out.push(...decoder.push(chunk));
    out.push(...decoder.end());
    return { out, whole: utf8.decode(bytes) };
  }
  const points = [...chunksOf(new Uint8Array(text.length), split).map((chunk) => chunk.byteOffset), text.length];
  for (let i = 0; i + 1 < points.length; i++) out.push(...decoder.push(text.slice(points[i], points[i + 1])));
  out.push(...decoder.end());
  return { out, whole: text };
}

/** A framing decoder under test, with the reference it must match and its size limit. */
const FRAMINGS = [
  {
    name: 'SseDecoder',
    text: sseText,
    reference: referenceSse,
    outgrown: 'an event outgrows maxEventSize',
    create: (maxEventSize?: number) => new SseDecoder(maxEventSize === undefined ? {} : { maxEventSize }),
  },
  {
    name: 'NdjsonDecoder',
    text: ndjsonText,
    reference: referenceNdjson,
    outgrown: 'a line outgrows maxLineSize',
    create: (maxLineSize?: number) => new NdjsonDecoder(maxLineSize === undefined ? {} : { maxLineSize }),
  },
];

describe.each(FRAMINGS)('$name', ({ name, text: framedText, reference, outgrown, create }) => {
  it('matches its reference for any text, fed as bytes or as text, split anywhere', () => {
    fuzz(
      `${name}: reference`,
      fc.tuple(framedText, feeding),
      ([text, [mode, split]]) => {
        const { out, whole } = feed<unknown>(create(), text, mode, split);
        expect(out).toEqual(reference(whole));
      },
      RUNS_PER_PROPERTY,
    );
  });

  it(`never throws for random bytes, and only upstream_protocol FluxErrors when ${outgrown}`, () => {
    const input = fc.tuple(fc.uint8Array({ maxLength: 600 }), splits, fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }));
    fuzz(
      `${name}: random bytes`,
      input,
      ([bytes, split, maxSize]) => {
        const allowed = maxSize === undefined ? () => false : categories('upstream_protocol');
        mayOnlyThrow(name, allowed, () => {
          const decoder = create(maxSize);
          for (const chunk of chunksOf(bytes, split)) decoder.push(chunk);
          decoder.end();
        });
      },
      RUNS_PER_PROPERTY,
    );
  });
});

describe('SseDecoder', () => {
  it('decodes whatever encodeSse wrote back to the same data and event name', () => {
    const payload = fc.tuple(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.option(fc.stringMatching(/^[^\r\n]{0,12}$/), { nil: undefined }), splits);
    fuzz(
      'SseDecoder: encodeSse round trip',
      payload,
      ([data, event, split]) => {
        const { out } = feed(new SseDecoder(), encodeSse(data, event), 'bytes', split);
        expect(out).toEqual([{ data: data.replace(/\r\n|\r/g, '\n'), ...(event === undefined || event === '' ? {} : { event }) }]);
      },
      RUNS_PER_PROPERTY,
    );
  });
});
