import { FluxError, isFluxError } from '@fluxcore/errors';
import type { ProtocolAdapter } from '@fluxcore/message';
import type { ServerResponse } from 'node:http';

/** Send a JSON body (already serialized) with the given status and extra headers. */
export function sendJson(res: ServerResponse, status: number, json: string, headers?: Record<string, string>): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  if (headers !== undefined) for (const name in headers) res.setHeader(name, headers[name]!);
  res.end(json);
}

/** Render an error in the caller's protocol, with the status that protocol's SDK expects. */
export function sendError(res: ServerResponse, adapter: ProtocolAdapter, error: FluxError): number {
  const formatted = adapter.formatError(error);
  if (error.category === 'request_too_large') res.setHeader('connection', 'close');
  sendJson(res, formatted.status, JSON.stringify(formatted.body), formatted.headers);
  return formatted.status;
}

/**
 * Any thrown value as a FluxError. Something that is not one is a bug in the gateway: the caller
 * gets a plain 500 with no detail, and the original error is returned for the log.
 */
export function asFluxError(error: unknown): FluxError {
  if (isFluxError(error)) return error;
  return new FluxError({ category: 'server', status: 500, retryable: false, message: 'internal gateway error', cause: error });
}
