import { FluxError } from '@fluxcore/errors';

/** A size option: a positive number (Infinity allowed), or the default when not given. */
export function positiveLimit(value: number | undefined, fallback: number, param: string): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && value > 0) return value;
  throw new FluxError({ category: 'invalid_request', message: `${param} must be a positive number, got ${String(value)}`, param });
}
