export { request, type CallResult } from './request.js';
export { CallError, formatError, toFluxError } from './call-error.js';
export type { AttemptRecord } from './attempt-record.js';
export { PoolClient } from './pool-client.js';
export { configurePool, closePool } from './pool-state.js';
export { DEFAULT_TIMEOUTS, type CallOptions, type EgressPolicy, type PoolSettings, type ResolvedSettings, type Timeouts } from './options.js';
export type { RawBody } from './prepare.js';
export { requestStream, type StreamResult } from './stream.js';
