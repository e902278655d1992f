/**
 * The gateway's configuration, as written in `fluxcore.config.json`. Every string may use
 * `${ENV_VAR}` (or `${ENV_VAR:-fallback}`) and numbers may be written as strings, so that
 * `"port": "${PORT}"` works.
 */
export interface GatewayConfig {
  /** Where to listen. Default `127.0.0.1:8787`. */
  listen?: ListenConfig;
  /** Client authentication. Absent: the gateway accepts every caller. */
  auth?: AuthConfig;
  /** Provider credentials by name. Endpoints refer to them. */
  keys: Record<string, KeyConfig>;
  /** Upstream endpoints by id (the id appears in logs, metrics and `x-fluxcore-endpoint`). */
  endpoints: Record<string, EndpointConfig>;
  /** Client-facing model names, each served by a pool of endpoints. */
  models: Record<string, ModelConfig>;
  /** Request limits. */
  limits?: LimitsConfig;
  /** Graceful shutdown. */
  shutdown?: ShutdownConfig;
  /** Structured logs (pino, JSON lines on stdout). */
  log?: LogConfig;
  /** How the gateway reaches upstreams, for every model. */
  upstream?: UpstreamConfig;
}

/** How the gateway connects to upstreams. */
export interface UpstreamConfig {
  /**
   * `any` (default: local models on 127.0.0.1 are a normal use) or `public-only`, which refuses
   * private, loopback, link-local and metadata addresses, checked on the addresses DNS returned.
   */
  egress?: 'any' | 'public-only';
  /**
   * An HTTP(S) proxy for every upstream request (`http://user:pass@proxy:3128`), or `env` to follow
   * `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY`. Not combinable with `egress: "public-only"`.
   */
  proxy?: string;
  /** Keep-alive connections per upstream origin and model (default: unlimited). */
  connectionsPerOrigin?: number;
}

/** Where the gateway listens. */
export interface ListenConfig {
  /** Interface to bind. Default `127.0.0.1` (use `0.0.0.0` to accept remote callers). */
  host?: string;
  /** TCP port. Default 8787; 0 picks a free port. */
  port?: number;
}

/** Gateway keys that callers must present. */
export interface AuthConfig {
  /**
   * Accepted gateway keys. A caller sends one as `Authorization: Bearer`, `x-api-key`,
   * `x-goog-api-key` or (Gemini routes) `?key=`, which is what each official SDK sends.
   */
  keys: string[];
}

/** One provider account: where it is and how to authenticate. */
export interface KeyConfig {
  /** Wire protocol: `openai`, `anthropic`, `gemini`, `cohere`, `cohere-v1`, or a custom adapter's name. */
  protocol: string;
  /** Base URL without the protocol's path (`https://api.openai.com`, `https://api.groq.com/openai`). */
  baseURL: string;
  /** The provider API key. Never logged, never in a metric label. */
  apiKey: string;
  /** Extra headers sent upstream with every request on this key. */
  headers?: Record<string, string>;
}

/** An upstream model on a key, with its prices. */
export interface EndpointConfig {
  /** Name of an entry in `keys`. */
  key: string;
  /** Upstream model. Absent: the client's model name is passed through. */
  model?: string;
  /** USD per 1M input tokens. */
  inputPrice: number;
  /** USD per 1M output tokens. */
  outputPrice: number;
  /** USD per 1M cached input tokens (defaults to `inputPrice`). */
  cachedInputPrice?: number;
  /** USD per 1M input tokens written to the prompt cache (defaults to `inputPrice`). */
  cacheWritePrice?: number;
  /** For the `priority` strategy: lower is preferred (default 0). */
  priority?: number;
  /** Circuit breaker settings for this endpoint. */
  breaker?: BreakerConfig;
}

/** When an endpoint is taken out of rotation and when it is probed again. */
export interface BreakerConfig {
  /** Consecutive failures that open the breaker. */
  threshold?: number;
  /** How long an open breaker waits before one probe request. */
  recoveryTimeoutMs?: number;
}

/** A client-facing model name and how its requests are routed. */
export interface ModelConfig {
  /** Endpoint ids (from `endpoints`) that may serve this model. */
  endpoints: string[];
  /**
   * Selection strategy: `price` (default: cheapest estimated cost of each request, then lower
   * latency), `latency` (lowest smoothed latency) or `priority` (lowest endpoint `priority`).
   */
  strategy?: string;
  /** Extra attempts after the first one fails (default from @fluxcore/call). */
  retries?: number;
  /** Upstream deadlines in milliseconds. */
  timeouts?: TimeoutsConfig;
  /**
   * The most time one request spends, in total, waiting for endpoints to come back (a
   * Retry-After cooldown, an open breaker, another request's recovery probe). Default 10 000.
   */
  maxRetryWaitMs?: number;
}

/** Upstream deadlines, each in milliseconds. */
export interface TimeoutsConfig {
  /** Establishing the connection. */
  connectMs?: number;
  /** From sending the request to the first byte of the answer. */
  firstByteMs?: number;
  /** Longest gap between two chunks of a stream. */
  idleMs?: number;
  /** The whole attempt. */
  totalMs?: number;
}

/** Request limits. */
export interface LimitsConfig {
  /** Largest request body accepted, in bytes (default 10 MiB). Larger ones get 413. */
  maxBodyBytes?: number;
}

/** Graceful shutdown. */
export interface ShutdownConfig {
  /** How long running requests and streams may continue after a shutdown starts (default 10 s). */
  graceMs?: number;
}

/** Log settings. */
export interface LogConfig {
  /** pino level: `fatal`, `error`, `warn`, `info` (default, one line per request), `debug`, `trace`, `silent`. */
  level?: LogLevel;
}

/** pino log levels. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The log levels, in order of severity. */
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Defaults applied when a field is absent. */
export const CONFIG_DEFAULTS = {
  host: '127.0.0.1',
  port: 8787,
  maxBodyBytes: 10 * 1024 * 1024,
  graceMs: 10_000,
  logLevel: 'info' as LogLevel,
} as const;
