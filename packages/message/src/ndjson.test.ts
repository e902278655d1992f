import { isFluxError } from '@fluxcore/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NdjsonDecoder } from './ndjson.js';

const utf8 = new TextEncoder();

function decode(chunks: Array<string | Uint8Array>, decoder = new NdjsonDecoder()): string[] {
  return [...chunks.flatMap((chunk) => decoder.push(chunk)), ...decoder.end()];
}

describe('NdjsonDecoder', () => {
  it('returns each complete line as soon as its newline arrives', () => {
    const decoder = new NdjsonDecoder();
    expect(decoder.push('{"a":1}\n{"b"')).toEqual(['{"a":1}']);
    expect(decoder.push(':2}\n')).toEqual(['{"b":2}']);
    expect(decoder.end()).toEqual([]);
  });

  it('accepts CRLF line ends, also when CR and LF arrive in different chunks', () => {
    expect(decode(['{"a":1}\r\n{"b":2}\r', '\n'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('skips blank and whitespace-only lines', () => {
    expect(decode(['\n{"a":1}\n\n  \t\r\n{"b":2}\n'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('returns a last line that lacks its newline at the end', () => {
    expect(decode(['{"a":1}\n{"b":2}'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('decodes a multi-byte character split across chunks', () => {
    const bytes = utf8.encode('{"t":"你好 🌍"}\n');
    expect(decode(Array.from(bytes, (b) => Uint8Array.of(b)))).toEqual(['{"t":"你好 🌍"}']);
  });

  it('ignores one leading BOM', () => {
    expect(decode([utf8.encode('\uFEFF{"a":1}\n')])).toEqual(['{"a":1}']);
    expect(decode(['\uFEFF{"a":1}\n'])).toEqual(['{"a":1}']);
  });

  it('returns nothing for an empty stream', () => {
    expect(decode([])).toEqual([]);
  });

  it('throws upstream_protocol when an unfinished line outgrows maxLineSize', () => {
    const decoder = new NdjsonDecoder({ maxLineSize: 8 });
    expect(decoder.push('{"a":1}\n{"b"')).toEqual(['{"a":1}']);
    let error: unknown;
    try {
      decoder.push(':"0123456789"');
    } catch (caught) {
      error = caught;
    }
    expect(isFluxError(error) && error.category).toBe('upstream_protocol');
    expect((error as Error).message).toContain('maxLineSize');
  });

  it('rejects a maxLineSize that is not a positive number', () => {
    expect(() => new NdjsonDecoder({ maxLineSize: 0 })).toThrow(expect.objectContaining({ category: 'invalid_request', param: 'maxLineSize' }));
  });

  it('decodes any stream of JSON lines, however its bytes are split', () => {
    const stream = fc.record({
      values: fc.array(fc.jsonValue(), { maxLength: 8 }),
      ends: fc.array(fc.constantFrom('\n', '\r\n', '\n\n', '\r\n \n'), { minLength: 1, maxLength: 8 }),
      finalNewline: fc.boolean(),
      bom: fc.boolean(),
    });
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 12 }), ({ values, ends, finalNewline, bom }, offsets) => {
        const lines = values.map((value) => JSON.stringify(value));
        const body = lines.map((line, i) => line + (i < lines.length - 1 || finalNewline ? ends[i % ends.length] : '')).join('');
        const bytes = utf8.encode((bom ? '\uFEFF' : '') + body);
        const cuts = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks = [...cuts, bytes.length].map((cut, i, all) => bytes.subarray(i === 0 ? 0 : all[i - 1], cut));
        expect(decode(chunks)).toEqual(lines);
      }),
      { numRuns: 1000 },
    );
  });
});
