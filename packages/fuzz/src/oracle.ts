import { isFluxError, type ErrorCategory, type FluxError } from '@fluxcore/errors';
import { keyLeaks } from './secret.js';

/** Which FluxErrors an operation may throw for the input at hand. */
export type AllowedError = (error: FluxError) => boolean;

/** Only FluxErrors of these categories. */
export function categories(...allowed: ErrorCategory[]): AllowedError {
  return (error) => allowed.includes(error.category);
}

/** Nothing may be thrown at all. */
export const nothing: AllowedError = () => false;

/** A readable account of whatever was thrown, for the failure report. */
export function describeThrown(thrown: unknown): string {
  if (isFluxError(thrown)) return `FluxError(${thrown.category}): ${thrown.message.slice(0, 300)}`;
  if (thrown instanceof Error) return `${thrown.constructor.name}: ${thrown.message.slice(0, 300)}\n${(thrown.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
  return `a non-Error value: ${String(thrown).slice(0, 300)}`;
}

/** Fails when an error repeats the planted API key anywhere in its text. */
export function assertNoKeyLeak(error: unknown, what: string): void {
  const leaks = keyLeaks(error);
  if (leaks.length > 0) throw new Error(`${what}: the error repeats the registered API key: ${leaks[0]!.slice(0, 200)}`);
}

/**
 * Run `action`: it may return, or throw a FluxError that `allowed` accepts and that does not
 * repeat the planted key. Anything else (a TypeError, a RangeError, a FluxError of the wrong
 * category) fails the property. Returns the outcome for further checks.
 */
export function mayOnlyThrow<T>(what: string, allowed: AllowedError, action: () => T): { value: T } | { error: FluxError } {
  try {
    return { value: action() };
  } catch (thrown) {
    if (!isFluxError(thrown)) throw new Error(`${what} threw ${describeThrown(thrown)}`);
    if (!allowed(thrown)) throw new Error(`${what} threw a FluxError of an unexpected category: ${describeThrown(thrown)}`);
    assertNoKeyLeak(thrown, what);
    return { error: thrown };
  }
}
