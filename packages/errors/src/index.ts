export { CATEGORY_POLICY, ERROR_CATEGORIES, type CategoryPolicy, type ErrorCategory } from './category.js';
export { FluxError, isFluxError, type FluxErrorOptions } from './flux-error.js';
export { redactSecrets, registerSecret } from './redact.js';
