import type { ProtocolAdapter } from '@fluxcore/message';
import type { EndpointPool } from '@fluxcore/routing';
import { AttemptPlan } from './attempt-plan.js';
import type { CallContext } from './exchange.js';
import { timeoutsFor, type CallOptions } from './options.js';
import type { PoolClient } from './pool-client.js';
import { callTarget } from './pool-state.js';
import { prepare, type RawBody } from './prepare.js';
import { CallScope } from './scope.js';

/** A call set up to run its attempts: what they share, and the scope that bounds them all. */
export interface StartedCall {
  readonly context: CallContext;
  /** Disposed by the caller once the call is over. */
  readonly scope: CallScope;
}

/**
 * What `request` and `requestStream` do before the first attempt: resolve the pool and its
 * client's settings, parse the caller's body (throwing its `invalid_request`), and start the
 * call's deadlines and attempt plan.
 */
export function startCall(via: EndpointPool | PoolClient, rawBody: RawBody, inbound: ProtocolAdapter, stream: boolean, options: CallOptions): StartedCall {
  const { pool, settings, transport } = callTarget(via);
  const timeouts = timeoutsFor(settings.timeouts, options.timeouts);
  const prepared = prepare(rawBody, inbound, stream, options.route);
  const scope = new CallScope(options.signal, timeouts);
  const plan = new AttemptPlan(pool, prepared.demand, scope, settings.maxRetryWaitMs);
  return { context: { prepared, inbound, transport, timeouts, plan, maxResponseBytes: settings.maxResponseBytes }, scope };
}
