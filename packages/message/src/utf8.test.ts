import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { piecesOf } from './__fixtures__/pieces.js';
import { Utf8Stream } from './utf8.js';

/** Bytes that make UTF-8 interesting: ASCII, line ends, lead and continuation bytes, a BOM, invalid ones. */
const BYTES = [0x61, 0x0a, 0x0d, 0x22, 0xc3, 0xa9, 0xe6, 0x97, 0xa5, 0xf0, 0x9f, 0x99, 0x82, 0xef, 0xbb, 0xbf, 0x80, 0xff, 0xc0, 0xed, 0xa0];
const bytes = fc.array(fc.constantFrom(...BYTES), { maxLength: 40 }).map((list) => Uint8Array.from(list));

describe('Utf8Stream', () => {
  it('gives, chunk by chunk, what a TextDecoder in stream mode gives, for any bytes cut anywhere', () => {
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 6 }), (all, offsets) => {
        const reference = new TextDecoder('utf-8', { ignoreBOM: true });
        const stream = new Utf8Stream();
        for (const chunk of piecesOf(all, offsets)) expect(stream.decode(chunk)).toBe(reference.decode(chunk, { stream: true }));
        expect(stream.end()).toBe(reference.decode());
      }),
      { numRuns: 10_000 },
    );
  });

  it('completes a character split across chunks and keeps a byte order mark', () => {
    const stream = new Utf8Stream();
    expect(stream.decode(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0xe6, 0x97]))).toBe('\uFEFFa');
    expect(stream.decode(Uint8Array.from([0xa5, 0x0a]))).toBe('日\n');
    expect(stream.decode(Uint8Array.from([0xe6]))).toBe('');
    expect(stream.end()).toBe('\uFFFD');
  });
});
