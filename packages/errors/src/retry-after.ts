/** Headers as a `Headers` object or a plain (node:http style) map. */
export type HeaderLike = { get(name: string): string | null | undefined } | Record<string, string | string[] | undefined>;

/** Read `retry-after-ms` / `retry-after` into milliseconds. (Provisional.) */
export function parseRetryAfter(headers: HeaderLike, nowMs: number = Date.now()): number | undefined {
  const ms = Number(read(headers, 'retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = read(headers, 'retry-after');
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function read(headers: HeaderLike, name: string): string | undefined {
  if (typeof headers.get === 'function') return (headers as { get(n: string): string | null | undefined }).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}
