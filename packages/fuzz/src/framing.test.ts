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

describe('SseDecoder', () => {
  it('matches the WHATWG reference for any text, fed as bytes or as text, split anywhere', () => {
    fuzz(
      'SseDecoder: reference',
      fc.tuple(sseText, feeding),
      ([text, [mode, split]]) => {
        const { out, whole } = feed(new SseDecoder(), text, mode, split);
        expect(out).toEqual(referenceSse(whole));
      },
      RUNS_PER_PROPERTY,
    );
  });

  it('never throws for random bytes, and only upstream_protocol FluxErrors when an event outgrows maxEventSize', () => {
    const input = fc.tuple(fc.uint8Array({ maxLength: 600 }), splits, fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }));
    fuzz(
      'SseDecoder: random bytes',
      input,
      ([bytes, split, maxEventSize]) => {
        const allowed = maxEventSize === undefined ? () => false : categories('upstream_protocol');
        mayOnlyThrow('SseDecoder', allowed, () => {
          const decoder = new SseDecoder(maxEventSize === undefined ? {} : { maxEventSize });
          for (const chunk of chunksOf(bytes, split)) decoder.push(chunk);
          decoder.end();
        });
      },
      RUNS_PER_PROPERTY,
    );
  });

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

describe('NdjsonDecoder', () => {
  it('matches the reference for any text, fed as bytes or as text, split anywhere', () => {
    fuzz(
      'NdjsonDecoder: reference',
      fc.tuple(ndjsonText, feeding),
      ([text, [mode, split]]) => {
        const { out, whole } = feed(new NdjsonDecoder(), text, mode, split);
        expect(out).toEqual(referenceNdjson(whole));
      },
      RUNS_PER_PROPERTY,
    );
  });

  it('never throws for random bytes, and only upstream_protocol FluxErrors when a line outgrows maxLineSize', () => {
    const input = fc.tuple(fc.uint8Array({ maxLength: 600 }), splits, fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }));
    fuzz(
      'NdjsonDecoder: random bytes',
      input,
      ([bytes, split, maxLineSize]) => {
        const allowed = maxLineSize === undefined ? () => false : categories('upstream_protocol');
        mayOnlyThrow('NdjsonDecoder', allowed, () => {
          const decoder = new NdjsonDecoder(maxLineSize === undefined ? {} : { maxLineSize });
          for (const chunk of chunksOf(bytes, split)) decoder.push(chunk);
          decoder.end();
        });
      },
      RUNS_PER_PROPERTY,
    );
  });
});
