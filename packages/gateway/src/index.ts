export { createGateway, type Gateway, type GatewayOptions, type ShutdownOptions } from './gateway.js';
export { checkConfig, loadConfigFile, parseConfig, BUILT_IN_PROTOCOLS, STRATEGIES, type LoadConfigOptions } from './load-config.js';
export { configFromEnv, DEFAULT_MODEL, ENV_PROVIDERS, type EnvProvider } from './env-config.js';
export { GatewayConfigError, type ConfigIssue } from './config-issues.js';
export { BUILT_IN_ADAPTERS } from './runtime.js';
export { ROUTES, type Route, type RouteKind } from './routes.js';
export { REDACTED_PATHS } from './logger.js';
export {
  CONFIG_DEFAULTS,
  LOG_LEVELS,
  type AuthConfig,
  type BreakerConfig,
  type EndpointConfig,
  type GatewayConfig,
  type KeyConfig,
  type LimitsConfig,
  type ListenConfig,
  type LogConfig,
  type LogLevel,
  type ModelConfig,
  type ShutdownConfig,
  type TimeoutsConfig,
} from './config-types.js';
