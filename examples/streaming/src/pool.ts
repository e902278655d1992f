import { anthropic } from '@fluxcore/anthropic';
import { gemini } from '@fluxcore/gemini';
import { openai } from '@fluxcore/openai';
import { Endpoint, EndpointPool } from '@fluxcore/routing';
import type { ProviderAccess, ProviderName } from './providers.js';

/**
 * Steps 1 and 2 of the README's quick start. With real providers, `access` is
 * `{ openai: { baseURL: 'https://api.openai.com', apiKey: process.env.OPENAI_API_KEY! }, ... }`.
 */
export function createPool(access: Record<ProviderName, ProviderAccess>): EndpointPool {
  // 1. Keys: connection credentials. `protocol` is the adapter object itself.
  const keys = {
    openai: { ...access.openai, protocol: openai },
    anthropic: { ...access.anthropic, protocol: anthropic },
    gemini: { ...access.gemini, protocol: gemini },
  };
  // 2. Endpoints: key + model + prices (USD per 1M tokens).
  return new EndpointPool(
    [
      new Endpoint({ id: 1, key: keys.openai, model: 'gpt-4.1-mini', inputPrice: 0.4, outputPrice: 1.6 }),
      new Endpoint({ id: 2, key: keys.anthropic, model: 'claude-haiku-4-5', inputPrice: 1, outputPrice: 5 }),
      new Endpoint({ id: 3, key: keys.gemini, model: 'gemini-2.5-flash', inputPrice: 0.3, outputPrice: 2.5 }),
    ],
    { retries: 3 },
  );
}
