import { anthropic } from '@fluxcore/anthropic';
import { PoolClient } from '@fluxcore/call';
import { cohere, cohereV1 } from '@fluxcore/cohere';
import { gemini } from '@fluxcore/gemini';
import type { ProtocolAdapter } from '@fluxcore/message';
import { openai } from '@fluxcore/openai';
import { Endpoint, EndpointPool, type Key } from '@fluxcore/routing';
import type { GatewayConfig } from './config-types.js';

/** The adapters the gateway speaks without configuration, by protocol name. */
export const BUILT_IN_ADAPTERS: Readonly<Record<string, ProtocolAdapter>> = {
  openai,
  anthropic,
  gemini,
  cohere,
  'cohere-v1': cohereV1,
};

/** A client-facing model and what serves it: its pool, with the model's call settings (deadlines, upstream settings). */
export interface ServedModel {
  readonly name: string;
  readonly client: PoolClient;
}

/** Everything the request handler needs, built once from a validated config. */
export interface Runtime {
  readonly adapters: ReadonlyMap<string, ProtocolAdapter>;
  readonly endpoints: ReadonlyMap<string, Endpoint>;
  readonly models: ReadonlyMap<string, ServedModel>;
}

/**
 * Turn a validated config into live objects: one Key per key, one Endpoint per endpoint
 * (shared by every model that lists it, so its breaker and latency are shared too), and one
 * EndpointPool per model. Fields pass through by name, so a field added to the schema that
 * routing or call already understands needs no change here.
 */
export function buildRuntime(config: GatewayConfig, customAdapters: Readonly<Record<string, ProtocolAdapter>> = {}): Runtime {
  const adapters = new Map<string, ProtocolAdapter>(Object.entries({ ...BUILT_IN_ADAPTERS, ...customAdapters }));
  const keys = new Map<string, Key>();
  for (const [name, key] of Object.entries(config.keys)) keys.set(name, { ...key, protocol: adapters.get(key.protocol)! });
  const endpoints = new Map<string, Endpoint>();
  for (const [id, endpoint] of Object.entries(config.endpoints)) endpoints.set(id, new Endpoint({ ...endpoint, id, key: keys.get(endpoint.key)! }));
  const models = new Map<string, ServedModel>();
  for (const [name, { endpoints: ids, retries, strategy, ...poolSettings }] of Object.entries(config.models)) {
    const pool = new EndpointPool(
      ids.map((id) => endpoints.get(id)!),
      { retries, strategy },
    );
    models.set(name, { name, client: new PoolClient(pool, { ...config.upstream, ...poolSettings }) });
  }
  return { adapters, endpoints, models };
}
