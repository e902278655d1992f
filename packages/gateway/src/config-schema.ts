import { z } from 'zod';
import { baseUrl, integer, list, number, oneOf, proxyUrl, section, stringMap, table, text } from './config-fields.js';

/** pino log levels, in order of severity. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Endpoint selection strategies a model may name. */
export const STRATEGIES = ['price', 'latency', 'priority'] as const;

/** Protocols the gateway knows without a custom adapter. */
export const BUILT_IN_PROTOCOLS = ['openai', 'anthropic', 'gemini', 'cohere', 'cohere-v1'] as const;

/** Defaults applied when a field is absent. */
export const CONFIG_DEFAULTS = {
  host: '127.0.0.1',
  port: 8787,
  maxBodyBytes: 10 * 1024 * 1024,
  graceMs: 10_000,
  logLevel: 'info',
} as const;

const listen = section({
  host: text().optional().meta({ description: 'Interface to bind (use `0.0.0.0` to accept remote callers).', default: CONFIG_DEFAULTS.host }),
  port: integer({ min: 0, max: 65535 })
    .optional()
    .meta({ description: 'TCP port; 0 picks a free port. `--port` overrides it.', default: CONFIG_DEFAULTS.port }),
}).meta({ description: 'Where the gateway listens.' });

const auth = section({
  keys: list(text(), 'gateway keys').meta({
    description:
      'Accepted gateway keys. A caller sends one as `Authorization: Bearer`, `x-api-key`, `x-goog-api-key` or (Gemini routes) `?key=`, which is what each official SDK sends.',
  }),
}).meta({ description: 'Client authentication. Absent: the gateway accepts every caller.' });

const key = section({
  protocol: text().meta({
    description: "Wire protocol: `openai` (also any OpenAI-compatible service), `anthropic`, `gemini`, `cohere`, `cohere-v1`, or a custom adapter's name.",
    examples: [...BUILT_IN_PROTOCOLS],
  }),
  baseURL: baseUrl().meta({
    description: "Base URL without the protocol's path and without credentials (`https://api.openai.com`, `https://api.groq.com/openai`).",
  }),
  apiKey: text().meta({ description: 'The provider API key: write `${ENV_VAR}`. Never logged, never in a metric label.' }),
  headers: stringMap().optional().meta({ description: 'Extra headers sent upstream with every request on this key.' }),
}).meta({ description: 'One provider account: where it is and how to authenticate.' });

const breaker = section({
  threshold: integer({ min: 1 }).optional().meta({ description: 'Consecutive failures that open the breaker (default 3).' }),
  recoveryTimeoutMs: integer({ min: 1 }).optional().meta({ description: 'How long an open breaker waits before one probe request, in ms (default 60000).' }),
}).meta({ description: 'When the endpoint is taken out of rotation and when it is probed again.' });

const endpoint = section({
  key: text().meta({ description: 'Name of an entry in `keys`.' }),
  model: text().optional().meta({ description: "Upstream model. Absent: the client's model name is passed through." }),
  inputPrice: number({ min: 0 }).meta({ description: 'USD per 1M input tokens.' }),
  outputPrice: number({ min: 0 }).meta({ description: 'USD per 1M output tokens.' }),
  cachedInputPrice: number({ min: 0 }).optional().meta({ description: 'USD per 1M cached input tokens (defaults to `inputPrice`).' }),
  cacheWritePrice: number({ min: 0 }).optional().meta({ description: 'USD per 1M input tokens written to the prompt cache (defaults to `inputPrice`).' }),
  priority: number().optional().meta({ description: 'For the `priority` strategy: lower is preferred (default 0).' }),
  breaker: breaker.optional(),
}).meta({ description: 'An upstream model on a key, with its prices.' });

const timeouts = section({
  connectMs: integer({ min: 1 }).optional().meta({ description: 'Establishing the connection.' }),
  firstByteMs: integer({ min: 1 }).optional().meta({ description: 'From sending the request to the first byte of the answer.' }),
  idleMs: integer({ min: 1 }).optional().meta({ description: 'Longest gap between two chunks of a stream.' }),
  totalMs: integer({ min: 1 }).optional().meta({ description: 'The whole attempt.' }),
}).meta({ description: 'Upstream deadlines, each in milliseconds.' });

const model = section({
  endpoints: list(text(), 'endpoint ids').meta({ description: 'Endpoint ids (from `endpoints`) that may serve this model.' }),
  strategy: oneOf(STRATEGIES).optional().meta({
    description:
      'Selection strategy: `price` (default: cheapest estimated cost of each request, then lower latency), `latency` (lowest smoothed latency) or `priority` (lowest endpoint `priority`).',
  }),
  retries: integer({ min: 0, max: 10 })
    .optional()
    .meta({ description: 'Extra attempts after the first one fails, each on the best endpoint not yet tried (default 3).' }),
  timeouts: timeouts.optional(),
  maxRetryWaitMs: integer({ min: 0 }).optional().meta({
    description:
      "The most time one request spends, in total, waiting for endpoints to come back (a Retry-After cooldown, an open breaker, another request's recovery probe). Default 10000; 0 never waits.",
  }),
}).meta({ description: 'A client-facing model name and the pool of endpoints that serves it.' });

const upstream = section({
  egress: oneOf(['any', 'public-only']).optional().meta({
    description:
      '`any` (default: local models on 127.0.0.1 are a normal use) or `public-only`, which refuses private, loopback, link-local and metadata addresses, checked on the addresses DNS returned.',
  }),
  proxy: proxyUrl().optional().meta({
    description:
      'An HTTP(S) proxy for every upstream request (`http://user:pass@proxy:3128`), or `env` to follow `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY`. Not combinable with `egress: "public-only"`.',
  }),
  connectionsPerOrigin: integer({ min: 1 }).optional().meta({ description: 'Keep-alive connections per upstream origin and model (default: unlimited).' }),
}).meta({ description: 'How the gateway reaches upstreams, for every model.' });

const limits = section({
  maxBodyBytes: integer({ min: 1 })
    .optional()
    .meta({ description: 'Largest request body accepted, in bytes. Larger ones get 413.', default: CONFIG_DEFAULTS.maxBodyBytes }),
}).meta({ description: 'Request limits.' });

const shutdown = section({
  graceMs: integer({ min: 0 })
    .optional()
    .meta({ description: 'How long running requests and streams may continue after a shutdown starts, in ms.', default: CONFIG_DEFAULTS.graceMs }),
}).meta({ description: 'Graceful shutdown.' });

const log = section({
  level: oneOf(LOG_LEVELS).optional().meta({ description: 'pino level. `info` logs one line per request.', default: CONFIG_DEFAULTS.logLevel }),
}).meta({ description: 'Structured logs (pino, JSON lines on stdout).' });

/**
 * The gateway's configuration, described once: the TypeScript types (config-types.ts), the
 * validation and its messages (validate-config.ts) and the published JSON Schema
 * (`fluxcore.config.schema.json`, config-json-schema.ts) all come from it. Each description is
 * what an editor shows for the field.
 *
 * It checks a document after `${NAME}` interpolation. What relates one field to another (an
 * endpoint's key must exist, ...) is in config-rules.ts: JSON Schema cannot say it.
 */
export const gatewayConfigSchema = section({
  $schema: z.string().optional().meta({ description: 'The JSON Schema this file follows, for editors.' }),
  listen: listen.optional(),
  auth: auth.optional(),
  keys: table(key).meta({ description: 'Provider credentials by name. Endpoints refer to them.' }),
  endpoints: table(endpoint).meta({
    description: 'Upstream endpoints by id (the id appears in logs, metrics and `x-fluxcore-endpoint`).',
  }),
  models: table(model).meta({ description: 'Client-facing model names, each served by a pool of endpoints.' }),
  limits: limits.optional(),
  shutdown: shutdown.optional(),
  log: log.optional(),
  upstream: upstream.optional(),
}).meta({
  title: 'fluxcore gateway config',
  description:
    'Configuration of @fluxcore/gateway. Every string may use `${ENV_VAR}` or `${ENV_VAR:-fallback}`, and numbers may be written as strings (`"port": "${PORT}"`).',
});
