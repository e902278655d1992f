export { validateKey, type Key } from './key.js';
export { DEFAULT_BREAKER_THRESHOLD, DEFAULT_RECOVERY_TIMEOUT_MS, type BreakerConfig, type BreakerState } from './breaker.js';
export { Endpoint, type EndpointOptions, type Permit } from './endpoint.js';
export { DEFAULT_RETRIES, EndpointPool, type EndpointPoolOptions } from './pool.js';
export { DEFAULT_EXPECTED_OUTPUT_TOKENS, estimatedCost, type CustomStrategy, type SelectEstimate, type SelectionStrategy } from './select.js';
export { assertPublicHost, isPrivateIP, type AssertPublicHostOptions, type LookupAddress } from './private-ip.js';
