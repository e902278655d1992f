/** Headers as a `Headers` object or a plain (node:http style) map. */
export type HeaderLike = { get(name: string): string | null | undefined } | Record<string, string | string[] | undefined>;

/**
 * The longest wait fluxcore accepts from a provider: 10 minutes. Longer hints (an hourly or
 * daily quota) are clamped to it, so an endpoint is probed again after at most this long
 * instead of being parked for hours on one header.
 */
export const MAX_RETRY_AFTER_MS = 10 * 60 * 1000;

/** `delay-seconds` per RFC 9110, leniently with a fraction (`1.5`); no sign, no exponent. */
const DECIMAL = /^\d+(?:\.\d+)?$/;

/** All three HTTP-date forms (IMF-fixdate, RFC 850, asctime) start with a day name. */
const HTTP_DATE = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s/i;

/**
 * How long the provider asked us to wait, in milliseconds, or `undefined` when it gave no
 * usable hint. Reads `retry-after-ms` (OpenAI, Anthropic) first, then `retry-after` as
 * delay-seconds or an HTTP date (a date in the past means "now": 0). Negative, non-numeric,
 * non-finite and malformed values are ignored; everything else is clamped to
 * {@link MAX_RETRY_AFTER_MS}.
 */
export function parseRetryAfter(headers: HeaderLike, nowMs: number = Date.now()): number | undefined {
  const ms = parseDecimal(readHeader(headers, 'retry-after-ms'));
  if (ms !== undefined) return clampRetryAfter(ms);
  const raw = readHeader(headers, 'retry-after');
  if (raw === undefined) return undefined;
  const seconds = parseDecimal(raw);
  if (seconds !== undefined) return clampRetryAfter(seconds * 1000);
  if (!HTTP_DATE.test(raw)) return undefined;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : clampRetryAfter(Math.max(0, date - nowMs));
}

/** Clamp a wait to [0, MAX_RETRY_AFTER_MS] and round it to whole milliseconds. */
export function clampRetryAfter(ms: number): number {
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.ceil(ms)));
}

function parseDecimal(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Read one header from either shape, case-insensitively, first value of a list. */
function readHeader(headers: HeaderLike, name: string): string | undefined {
  if (typeof headers.get === 'function') {
    return (headers as { get(n: string): string | null | undefined }).get(name) ?? undefined;
  }
  const record = headers as Record<string, string | string[] | undefined>;
  let value = record[name];
  if (value === undefined) {
    const key = Object.keys(record).find((k) => k.toLowerCase() === name);
    value = key === undefined ? undefined : record[key];
  }
  return Array.isArray(value) ? value[0] : value;
}
