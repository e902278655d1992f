import { isFluxError, type FluxError } from '@fluxcore/errors';

/**
 * The FluxError `run` throws, for a test to assert its category, param and message. Any other
 * error is rethrown as it is, and a `run` that returns fails the test: a refusal that does not
 * happen is a failure, never an outcome.
 */
export function fluxErrorOf(run: () => unknown): FluxError {
  try {
    run();
  } catch (error) {
    if (isFluxError(error)) return error;
    throw error;
  }
  throw new Error('expected a FluxError to be thrown');
}
