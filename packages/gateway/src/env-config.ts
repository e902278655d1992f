import { GatewayConfigError } from './config-issues.js';
import { CONFIG_DEFAULTS } from './config-schema.js';
import type { EndpointConfig, GatewayConfig, KeyConfig } from './config-types.js';

/** One provider the gateway can configure from an environment variable alone. */
export interface EnvProvider {
  /** Environment variable holding the API key. */
  envVar: string;
  /** Key and endpoint id in the generated config. */
  name: string;
  protocol: string;
  baseURL: string;
  /** Default upstream model. */
  model: string;
  /** USD per 1M tokens: input, output, cached input. */
  inputPrice: number;
  outputPrice: number;
  cachedInputPrice: number;
}

/**
 * The default model and price table used when the gateway starts without a config file.
 * Prices are USD per 1M tokens as published by each provider at the time of writing; check
 * them against the provider's pricing page before relying on cost figures.
 */
export const ENV_PROVIDERS: readonly EnvProvider[] = [
  {
    envVar: 'OPENAI_API_KEY',
    name: 'openai',
    protocol: 'openai',
    baseURL: 'https://api.openai.com',
    model: 'gpt-4.1-mini',
    inputPrice: 0.4,
    outputPrice: 1.6,
    cachedInputPrice: 0.1,
  },
  {
    envVar: 'ANTHROPIC_API_KEY',
    name: 'anthropic',
    protocol: 'anthropic',
    baseURL: 'https://api.anthropic.com',
    model: 'claude-haiku-4-5',
    inputPrice: 1,
    outputPrice: 5,
    cachedInputPrice: 0.1,
  },
  {
    envVar: 'GEMINI_API_KEY',
    name: 'gemini',
    protocol: 'gemini',
    baseURL: 'https://generativelanguage.googleapis.com',
    model: 'gemini-2.5-flash',
    inputPrice: 0.3,
    outputPrice: 2.5,
    cachedInputPrice: 0.075,
  },
  {
    envVar: 'COHERE_API_KEY',
    name: 'cohere',
    protocol: 'cohere',
    baseURL: 'https://api.cohere.com',
    model: 'command-r-08-2024',
    inputPrice: 0.15,
    outputPrice: 0.6,
    cachedInputPrice: 0.15,
  },
  {
    envVar: 'DEEPSEEK_API_KEY',
    name: 'deepseek',
    protocol: 'openai',
    baseURL: 'https://api.deepseek.com',
    model: 'deepseek-chat',
    inputPrice: 0.28,
    outputPrice: 0.42,
    cachedInputPrice: 0.028,
  },
  {
    envVar: 'MISTRAL_API_KEY',
    name: 'mistral',
    protocol: 'openai',
    baseURL: 'https://api.mistral.ai',
    model: 'mistral-small-latest',
    inputPrice: 0.1,
    outputPrice: 0.3,
    cachedInputPrice: 0.1,
  },
  {
    envVar: 'GROQ_API_KEY',
    name: 'groq',
    protocol: 'openai',
    baseURL: 'https://api.groq.com/openai',
    model: 'llama-3.1-8b-instant',
    inputPrice: 0.05,
    outputPrice: 0.08,
    cachedInputPrice: 0.05,
  },
];

/** The client-facing model that routes across every configured provider. */
export const DEFAULT_MODEL = 'auto';

/**
 * Build a config from provider API keys in the environment: one key and one endpoint per
 * variable that is set, the model {@link DEFAULT_MODEL} over all of them (cheapest healthy
 * first), and each provider's default model name routed to that provider alone.
 * `FLUXCORE_GATEWAY_KEYS` (comma-separated) turns on client auth; `FLUXCORE_HOST`/`FLUXCORE_PORT` set
 * where to listen. Throws {@link GatewayConfigError} when no provider key is set.
 */
export function configFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): GatewayConfig {
  const present = ENV_PROVIDERS.filter((p) => (env[p.envVar] ?? '').trim() !== '');
  if (present.length === 0) {
    throw new GatewayConfigError('environment', [
      { path: '', message: `no config file given and none of ${ENV_PROVIDERS.map((p) => p.envVar).join(', ')} is set` },
    ]);
  }
  const keys: Record<string, KeyConfig> = {};
  const endpoints: Record<string, EndpointConfig> = {};
  const models: GatewayConfig['models'] = { [DEFAULT_MODEL]: { endpoints: present.map((p) => p.name) } };
  for (const p of present) {
    keys[p.name] = { protocol: p.protocol, baseURL: p.baseURL, apiKey: `\${${p.envVar}}` };
    endpoints[p.name] = { key: p.name, model: p.model, inputPrice: p.inputPrice, outputPrice: p.outputPrice, cachedInputPrice: p.cachedInputPrice };
    models[p.model] = { endpoints: [p.name] };
  }
  const config: GatewayConfig = { keys, endpoints, models };
  if (env.FLUXCORE_HOST !== undefined || env.FLUXCORE_PORT !== undefined) {
    config.listen = { host: env.FLUXCORE_HOST ?? CONFIG_DEFAULTS.host, port: Number(env.FLUXCORE_PORT ?? CONFIG_DEFAULTS.port) };
  }
  const gatewayKeys = (env.FLUXCORE_GATEWAY_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (gatewayKeys.length > 0) config.auth = { keys: gatewayKeys };
  return config;
}
