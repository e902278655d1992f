import type { EndpointPool } from '@fluxcore/routing';
import { resolveSettings, type PoolSettings, type ResolvedSettings } from './options.js';
import { Transport } from './transport.js';

/** Reads a client's current connections: they are private to the class, which sets this once. */
let connectionsOf: (client: PoolClient) => Transport;

/**
 * A pool together with the settings its calls run under (timeouts, egress policy, body cap,
 * proxy, ...) and the keep-alive connections they use. Pass it to `request` or `requestStream`
 * in place of the pool, so the settings a call runs under are visible where it is made, and
 * close it when done. Several clients may share one pool (its endpoints, breakers and latency);
 * each has its own settings and connections.
 */
export class PoolClient {
  readonly pool: EndpointPool;
  /** The settings with every default filled in. Fixed: settings that differ need another client. */
  readonly settings: Readonly<ResolvedSettings>;
  #transport: Transport;

  static {
    connectionsOf = (client) => client.#transport;
  }

  /** Throws a FluxError `invalid_request` naming the field when a setting is invalid. */
  constructor(pool: EndpointPool, settings: PoolSettings = {}) {
    const resolved = resolveSettings(settings);
    Object.freeze(resolved.timeouts);
    this.pool = pool;
    this.settings = Object.freeze(resolved);
    this.#transport = new Transport(this.settings);
  }

  /** Close every connection at once: calls still in flight fail; later calls reconnect. */
  async close(): Promise<void> {
    const closing = this.#transport;
    this.#transport = new Transport(this.settings);
    await closing.destroy();
  }

  /** Close every connection once the calls in flight on it are done; later calls reconnect. */
  async closeWhenIdle(): Promise<void> {
    const closing = this.#transport;
    this.#transport = new Transport(this.settings);
    await closing.close();
  }
}

/** What one call runs on: the pool, the settings and the connections of a client. */
export interface CallTarget {
  readonly pool: EndpointPool;
  readonly settings: Readonly<ResolvedSettings>;
  readonly transport: Transport;
}

export function targetOf(client: PoolClient): CallTarget {
  return { pool: client.pool, settings: client.settings, transport: connectionsOf(client) };
}
