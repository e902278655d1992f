import { redactSecrets } from '@fluxcore/errors';
import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config-types.js';

/** Paths whose values never reach a log line, whatever logs them. */
export const REDACTED_PATHS = [
  'apiKey',
  '*.apiKey',
  'keys.*.apiKey',
  'auth.keys',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-goog-api-key"]',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
  '*.headers["x-goog-api-key"]',
  '*.headers.cookie',
];

/**
 * The gateway's structured logger: JSON lines, credentials redacted by path, and error
 * messages and stacks passed through fluxcore's secret redaction (a key that made it into an
 * upstream's error text is still never printed).
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { name: 'fluxcore-gateway' },
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    serializers: { err: serializeError },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}

function serializeError(error: Error): Record<string, unknown> {
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>;
  for (const field of ['message', 'stack'] as const) {
    const value = serialized[field];
    if (typeof value === 'string') serialized[field] = redactSecrets(value);
  }
  return serialized;
}
