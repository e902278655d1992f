import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseRetryAfter, type HeaderLike } from './retry-after.js';

const NOW = Date.parse('Sun, 06 Nov 1994 08:49:00 GMT');

const rows: ReadonlyArray<readonly [string, HeaderLike, number | undefined]> = [
  ['no header', {}, undefined],
  ['retry-after seconds', { 'retry-after': '3' }, 3000],
  ['retry-after zero', { 'retry-after': '0' }, 0],
  ['retry-after fractional seconds', { 'retry-after': '1.5' }, 1500],
  ['retry-after with surrounding spaces', { 'retry-after': ' 2 ' }, 2000],
  ['retry-after-ms', { 'retry-after-ms': '120' }, 120],
  ['retry-after-ms fractional rounds up', { 'retry-after-ms': '0.2' }, 1],
  ['retry-after-ms wins over retry-after', { 'retry-after-ms': '120', 'retry-after': '9' }, 120],
  ['an unusable retry-after-ms falls back to retry-after', { 'retry-after-ms': 'soon', 'retry-after': '4' }, 4000],
  ['IMF-fixdate', { 'retry-after': 'Sun, 06 Nov 1994 08:49:37 GMT' }, 37_000],
  ['RFC 850 date', { 'retry-after': 'Sunday, 06-Nov-94 08:49:37 GMT' }, 37_000],
  ['asctime date', { 'retry-after': 'Sun Nov  6 08:49:37 1994' }, 37_000],
  ['a date in the past means now', { 'retry-after': 'Sun, 06 Nov 1994 08:00:00 GMT' }, 0],
  ['a date far ahead is capped', { 'retry-after': 'Sun, 06 Nov 2094 08:49:37 GMT' }, MAX_RETRY_AFTER_MS],
  ['seconds beyond the cap are capped', { 'retry-after': '86400' }, MAX_RETRY_AFTER_MS],
  ['absurdly many digits are capped', { 'retry-after': '9'.repeat(40) }, MAX_RETRY_AFTER_MS],
  ['negative seconds ignored', { 'retry-after': '-5' }, undefined],
  ['negative ms ignored', { 'retry-after-ms': '-1' }, undefined],
  ['Infinity ignored', { 'retry-after': 'Infinity' }, undefined],
  ['NaN ignored', { 'retry-after': 'NaN' }, undefined],
  ['exponent ignored', { 'retry-after': '1e9' }, undefined],
  ['hex ignored', { 'retry-after': '0x10' }, undefined],
  ['empty ignored', { 'retry-after': '' }, undefined],
  ['a bare number-like date ignored', { 'retry-after': '2024-01-01' }, undefined],
  ['an invalid date ignored', { 'retry-after': 'Sun, 99 Foo 1994 99:99:99 GMT' }, undefined],
  ['header names are case-insensitive in plain maps', { 'Retry-After': '6' }, 6000],
  ['the first value of a repeated header counts', { 'retry-after': ['8', '9'] }, 8000],
  ['a Headers object', new Headers({ 'Retry-After': '5' }), 5000],
];

describe('parseRetryAfter', () => {
  it.each(rows)('%s', (_name, headers, expected) => {
    expect(parseRetryAfter(headers, NOW)).toBe(expected);
  });

  it('caps every hint at ten minutes', () => {
    expect(MAX_RETRY_AFTER_MS).toBe(600_000);
  });
});
