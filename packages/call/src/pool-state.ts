import type { EndpointPool } from '@fluxcore/routing';
import { resolveSettings, type PoolSettings, type ResolvedSettings } from './options.js';
import { Transport } from './transport.js';

/** What `call` keeps per pool: its settings and its connections. */
export interface PoolState {
  readonly settings: ResolvedSettings;
  readonly transport: Transport;
}

const states = new WeakMap<EndpointPool, PoolState>();

/**
 * Set a pool's transport and deadline defaults (timeouts, egress policy, body cap,
 * connections per origin). Takes effect for the next call; connections opened under the
 * previous settings close once their calls are done.
 */
export function configurePool(pool: EndpointPool, settings: PoolSettings): void {
  const resolved = resolveSettings(settings);
  const previous = states.get(pool);
  states.set(pool, { settings: resolved, transport: new Transport(resolved) });
  void previous?.transport.close();
}

/** Close every connection this pool holds. Calls still in flight fail; later calls reconnect. */
export async function closePool(pool: EndpointPool): Promise<void> {
  const state = states.get(pool);
  if (state === undefined) return;
  states.set(pool, { settings: state.settings, transport: new Transport(state.settings) });
  await state.transport.destroy();
}

export function poolState(pool: EndpointPool): PoolState {
  let state = states.get(pool);
  if (state === undefined) {
    const settings = resolveSettings({});
    state = { settings, transport: new Transport(settings) };
    states.set(pool, state);
  }
  return state;
}
