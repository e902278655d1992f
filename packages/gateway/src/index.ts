export { createGateway, type Gateway, type GatewayOptions, type ShutdownOptions } from './gateway.js';
export { loadConfigFile, parseConfig, type LoadConfigOptions } from './load-config.js';
export { configFromEnv } from './env-config.js';
export { GatewayConfigError, type ConfigIssue } from './config-issues.js';
export type {
  AuthConfig,
  BreakerConfig,
  EndpointConfig,
  GatewayConfig,
  KeyConfig,
  LimitsConfig,
  ListenConfig,
  LogConfig,
  LogLevel,
  ModelConfig,
  ShutdownConfig,
  TimeoutsConfig,
} from './config-types.js';
