import { describe, expect, it } from 'vitest';
import { GatewayConfigError } from './config-issues.js';
import { configFromEnv, DEFAULT_MODEL, ENV_PROVIDERS } from './env-config.js';
import { checkConfig } from './load-config.js';

describe('configFromEnv', () => {
  it('configures one endpoint per provider key that is set, the "auto" model over all of them, and each default model alone', () => {
    const env = { OPENAI_API_KEY: 'sk-env-openai-1', GROQ_API_KEY: 'gsk_env_groq_1' };
    const config = checkConfig(configFromEnv(env), 'environment', { env });
    expect(Object.keys(config.endpoints)).toEqual(['openai', 'groq']);
    expect(config.models[DEFAULT_MODEL]).toEqual({ endpoints: ['openai', 'groq'] });
    expect(config.models['llama-3.1-8b-instant']).toEqual({ endpoints: ['groq'] });
    expect(config.keys.groq).toEqual({ protocol: 'openai', baseURL: 'https://api.groq.com/openai', apiKey: 'gsk_env_groq_1' });
    expect(config.auth).toBeUndefined();
    expect(config.listen).toBeUndefined();
  });

  it('knows every provider of the issue', () => {
    expect(ENV_PROVIDERS.map((p) => p.envVar)).toEqual([
      'OPENAI_API_KEY',
      'ANTHROPIC_API_KEY',
      'GEMINI_API_KEY',
      'COHERE_API_KEY',
      'DEEPSEEK_API_KEY',
      'MISTRAL_API_KEY',
      'GROQ_API_KEY',
    ]);
    const env = Object.fromEntries(ENV_PROVIDERS.map((p) => [p.envVar, `key-for-${p.name}`]));
    const config = checkConfig(configFromEnv(env), 'environment', { env });
    expect(config.models[DEFAULT_MODEL]?.endpoints).toHaveLength(7);
  });

  it('turns on client auth from FLUXCORE_GATEWAY_KEYS and the listen address from FLUXCORE_HOST/FLUXCORE_PORT', () => {
    const env = { ANTHROPIC_API_KEY: 'sk-ant-1234567', FLUXCORE_GATEWAY_KEYS: 'gw-one, gw-two', FLUXCORE_PORT: '9999' };
    const config = checkConfig(configFromEnv(env), 'environment', { env });
    expect(config.auth).toEqual({ keys: ['gw-one', 'gw-two'] });
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 9999 });
  });

  it('fails with the list of variables it looked for when none is set', () => {
    expect(() => configFromEnv({ OPENAI_API_KEY: '  ' })).toThrow(GatewayConfigError);
    expect(() => configFromEnv({})).toThrow(
      /none of OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, COHERE_API_KEY, DEEPSEEK_API_KEY, MISTRAL_API_KEY, GROQ_API_KEY is set/,
    );
  });
});
