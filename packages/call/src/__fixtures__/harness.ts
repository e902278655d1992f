import type { JsonObject, ProtocolAdapter } from '@fluxcore/message';
import { Endpoint, EndpointPool, type BreakerConfig, type EndpointPoolOptions } from '@fluxcore/routing';
import { openai } from '@fluxcore/openai';
import { openaiSimulator, startUpstream, type ProviderSimulator, type ScenarioSource, type Upstream } from '@fluxcore/testkit';
import { CallError } from '../call-error.js';
import type { PoolSettings } from '../options.js';
import { PoolClient } from '../pool-client.js';
import { closePool } from '../pool-state.js';

/** One simulated provider and the endpoint that points at it. */
export interface Provider {
  upstream: Upstream;
  endpoint: Endpoint;
}

export interface ProviderSpec {
  id: string | number;
  protocol: ProtocolAdapter;
  simulator: ProviderSimulator;
  inputPrice: number;
  outputPrice: number;
  cachedInputPrice?: number;
  cacheWritePrice?: number;
  model?: string;
  breaker?: BreakerConfig;
  scenario?: ScenarioSource;
  frameDelayMs?: number;
}

const running: Upstream[] = [];
const pools: EndpointPool[] = [];
const clients: PoolClient[] = [];

/** Start a simulated provider on 127.0.0.1 and an endpoint for it (its key is `sk-test-<id>`). */
export async function provider(spec: ProviderSpec): Promise<Provider> {
  const apiKey = `sk-test-key-${spec.id}`;
  const upstream = await startUpstream({ simulator: spec.simulator, apiKey, scenario: spec.scenario, frameDelayMs: spec.frameDelayMs });
  running.push(upstream);
  const endpoint = new Endpoint({
    id: spec.id,
    key: { baseURL: upstream.url, apiKey, protocol: spec.protocol },
    model: spec.model ?? `model-${spec.id}`,
    inputPrice: spec.inputPrice,
    outputPrice: spec.outputPrice,
    ...(spec.cachedInputPrice === undefined ? {} : { cachedInputPrice: spec.cachedInputPrice }),
    ...(spec.cacheWritePrice === undefined ? {} : { cacheWritePrice: spec.cacheWritePrice }),
    ...(spec.breaker === undefined ? {} : { breaker: spec.breaker }),
  });
  return { upstream, endpoint };
}

/** {@link provider} in front of the OpenAI simulator: id 1, one unit per token in and out, unless `spec` says otherwise. */
export function openaiProvider(spec: Partial<ProviderSpec> = {}): Promise<Provider> {
  return provider({ id: 1, protocol: openai, simulator: openaiSimulator, inputPrice: 1, outputPrice: 1, ...spec });
}

/** A pool over these providers, closed after the test by {@link cleanup}. */
export function poolOf(providers: readonly Provider[], options: EndpointPoolOptions = {}): EndpointPool {
  const pool = new EndpointPool(
    providers.map((p) => p.endpoint),
    options,
  );
  pools.push(pool);
  return pool;
}

/** A client of this pool with these settings, closed after the test by {@link cleanup}. */
export function clientOf(pool: EndpointPool, settings: PoolSettings): PoolClient {
  const client = new PoolClient(pool, settings);
  clients.push(client);
  return client;
}

/** Close every client, pool and upstream the test started. */
export async function cleanup(): Promise<void> {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(pools.splice(0).map((pool) => closePool(pool)));
  await Promise.all(running.splice(0).map((upstream) => upstream.close()));
}

/** Calls each upstream received, by endpoint id. */
export function callCounts(providers: readonly Provider[]): Record<string, number> {
  return Object.fromEntries(providers.map((p) => [String(p.endpoint.id), p.upstream.calls.length]));
}

/** Wait until a condition holds, checking on every turn of the event loop. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

/** Polls until the condition holds or `ms` passed; returns whether it held. */
export async function within(ms: number, condition: () => boolean): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

/** A small OpenAI Chat Completions request body. */
export function openaiBody(extra: JsonObject = {}): JsonObject {
  return { model: 'gpt-test', messages: [{ role: 'user', content: 'Say hello.' }], ...extra };
}

/** The CallError a call rejects with; fails the test when it resolves or rejects with anything else. */
export async function callFailure(promise: Promise<unknown>): Promise<CallError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CallError)) throw new Error(`expected a CallError, got ${String(error)}`);
  return error;
}
