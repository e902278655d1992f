import { FluxError, isFluxError } from '@fluxcore/errors';
import type { FormattedError, ProtocolAdapter } from '@fluxcore/message';
import type { AttemptRecord } from './attempt-record.js';

/**
 * The FluxError a call throws when it gives up: the error that decided the outcome, plus the
 * record of every attempt (which endpoints were tried, what each answered, how long it took).
 */
export class CallError extends FluxError {
  override readonly name: string = 'CallError';
  /** Every attempt of the call, in order. Never contains an API key. */
  readonly attempts: readonly AttemptRecord[];

  constructor(error: FluxError, attempts: readonly AttemptRecord[]) {
    super(error.toOptions());
    this.attempts = attempts.map((record) => ({ ...record }));
  }

  /** A copy attributed to an endpoint, still carrying the attempts. */
  override withEndpoint(endpointId: string | number): CallError {
    return new CallError(super.withEndpoint(endpointId), this.attempts);
  }
}

/**
 * Render anything a call threw as an error answer in the caller's protocol (body and HTTP
 * status), through the inbound adapter. Unknown errors become a generic 500 that leaks nothing.
 */
export function formatError(error: unknown, adapter: ProtocolAdapter): FormattedError {
  return adapter.formatError(toFluxError(error));
}

/** A FluxError as is; anything else as an internal error that keeps the original as its cause. */
export function toFluxError(error: unknown): FluxError {
  if (isFluxError(error)) return error;
  return new FluxError({ category: 'server', status: 500, message: 'internal error in fluxcore', cause: error });
}
