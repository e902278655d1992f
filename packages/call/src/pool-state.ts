import type { EndpointPool } from '@fluxcore/routing';
import type { PoolSettings } from './options.js';
import { PoolClient, targetOf, type CallTarget } from './pool-client.js';

/**
 * The default client of each pool: what `request(pool, …)` and `requestStream(pool, …)` run on
 * when they are given a pool rather than a {@link PoolClient}, what `configurePool` replaces and
 * what `closePool` closes. This WeakMap is the one process-wide state of @fluxcore/call; an entry
 * lives as long as its pool. A pool's default client has the default settings until
 * `configurePool` gives it others.
 */
const defaultClients = new WeakMap<EndpointPool, PoolClient>();

/**
 * Set the settings of the pool's default client: the calls that are given this pool (not a
 * {@link PoolClient}) run under them from the next call on. Connections opened under the previous
 * settings close once their calls are done. The settings live in this module, out of sight of
 * the code that makes the calls: prefer `new PoolClient(pool, settings)`, passed to each call.
 */
export function configurePool(pool: EndpointPool, settings: PoolSettings): void {
  const client = new PoolClient(pool, settings);
  const previous = defaultClients.get(pool);
  defaultClients.set(pool, client);
  void previous?.closeWhenIdle();
}

/**
 * Close every connection of the pool's default client. Calls still in flight on it fail; later
 * calls reconnect. A {@link PoolClient} of your own closes with its `close()`.
 */
export async function closePool(pool: EndpointPool): Promise<void> {
  await defaultClients.get(pool)?.close();
}

/** What a call given this pool or client runs on. */
export function callTarget(via: EndpointPool | PoolClient): CallTarget {
  return targetOf(via instanceof PoolClient ? via : defaultClientOf(via));
}

function defaultClientOf(pool: EndpointPool): PoolClient {
  let client = defaultClients.get(pool);
  if (client === undefined) {
    client = new PoolClient(pool);
    defaultClients.set(pool, client);
  }
  return client;
}
