import { registerSecret } from '@fluxcore/errors';

/**
 * A registered API key planted in fuzz inputs. It has no provider's shape, so only the
 * registry of secrets (not the pattern layer) can keep it out of error text.
 */
export const PLANTED_KEY = 'fuzzkey-7Qm2Zr9VbX4LwT1n';

registerSecret(PLANTED_KEY);

/**
 * The text FluxError promises to redact: message, stack, `providerCode` and `param` (adapters
 * send the last two to clients), through the cause chain.
 */
function textsOf(error: unknown, depth = 0): string[] {
  if (typeof error === 'string') return [error];
  if (typeof error !== 'object' || error === null || depth > 8) return [];
  const record = error as Record<string, unknown>;
  const own = ['message', 'stack', 'providerCode', 'param'].map((key) => record[key]).filter((value): value is string => typeof value === 'string');
  return [...own, ...textsOf(record.cause, depth + 1)];
}

/** The places where an error repeats the planted key (empty when it does not). */
export function keyLeaks(error: unknown): string[] {
  return textsOf(error).filter((text) => text.includes(PLANTED_KEY));
}
