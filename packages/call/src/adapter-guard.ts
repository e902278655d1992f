import { FluxError, isFluxError } from '@fluxcore/errors';

/**
 * Run an adapter step; a FluxError passes through, anything else (an adapter bug, a shape it did
 * not expect) becomes `upstream_protocol`, never a `network` error or a crash.
 */
export function guard<T>(step: () => T, message: string): T {
  try {
    return step();
  } catch (cause) {
    if (isFluxError(cause)) throw cause;
    throw new FluxError({ category: 'upstream_protocol', message, cause });
  }
}
