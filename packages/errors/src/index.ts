export { CATEGORY_POLICY, ERROR_CATEGORIES, type CategoryPolicy, type ErrorCategory } from './category.js';
export { FluxError, isFluxError, type FluxErrorOptions } from './flux-error.js';
export { classifyHttp, type HttpErrorDetails } from './classify-http.js';
export { classifyNetworkError, type NetworkErrorContext } from './classify-network.js';
export { MAX_RETRY_AFTER_MS, parseRetryAfter, type HeaderLike } from './retry-after.js';
export { DEFAULT_MAX_SECRETS, defaultSecrets, redactSecrets, registerSecret, SecretRegistry, unregisterSecret } from './redact.js';
