import type { z } from 'zod';
import type { gatewayConfigSchema, LOG_LEVELS } from './config-schema.js';

/**
 * The gateway's configuration, as validated: the types come from the schema in
 * config-schema.ts, where each field is described. In a file, every string may use `${ENV_VAR}`
 * (or `${ENV_VAR:-fallback}`) and numbers may be written as strings, so that `"port": "${PORT}"`
 * works; here they are resolved.
 */
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

/** Where the gateway listens. */
export type ListenConfig = NonNullable<GatewayConfig['listen']>;
/** Gateway keys that callers must present. */
export type AuthConfig = NonNullable<GatewayConfig['auth']>;
/** One provider account: where it is and how to authenticate. */
export type KeyConfig = GatewayConfig['keys'][string];
/** An upstream model on a key, with its prices. */
export type EndpointConfig = GatewayConfig['endpoints'][string];
/** When an endpoint is taken out of rotation and when it is probed again. */
export type BreakerConfig = NonNullable<EndpointConfig['breaker']>;
/** A client-facing model name and how its requests are routed. */
export type ModelConfig = GatewayConfig['models'][string];
/** Upstream deadlines, each in milliseconds. */
export type TimeoutsConfig = NonNullable<ModelConfig['timeouts']>;
/** How the gateway connects to upstreams. */
export type UpstreamConfig = NonNullable<GatewayConfig['upstream']>;
/** Request limits. */
export type LimitsConfig = NonNullable<GatewayConfig['limits']>;
/** Graceful shutdown. */
export type ShutdownConfig = NonNullable<GatewayConfig['shutdown']>;
/** Log settings. */
export type LogConfig = NonNullable<GatewayConfig['log']>;
/** pino log levels. */
export type LogLevel = (typeof LOG_LEVELS)[number];
