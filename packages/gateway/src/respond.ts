import type { AttemptRecord } from '@fluxcore/call';
import { FluxError } from '@fluxcore/errors';
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

/** The answer to a bug: OpenAI-shaped (the most widely read error shape), with nothing in it to leak. */
const INTERNAL_ERROR_JSON = JSON.stringify({ error: { message: 'internal gateway error', type: 'server_error', param: null, code: null } });

/** Answer a bare 500, for when the caller's own protocol cannot render the error. */
export function sendInternalError(res: ServerResponse): void {
  sendJson(res, 500, INTERNAL_ERROR_JSON);
}

/**
 * The error as the client should see it. An upstream refusing the gateway's own provider key
 * (authentication, permission) is a fault of the gateway's config, not of the client: it is
 * answered 502, category kept, because a 401 or 403 would make the client's SDK raise an
 * AuthenticationError against its valid gateway key. Only a wrong gateway key is answered 401.
 */
export function forClient(error: FluxError, attempts: readonly AttemptRecord[] | undefined): FluxError {
  if (!isUpstreamKeyRefusal(error)) return error;
  const who = attempts?.every(refusedKey) === false ? 'the last endpoint tried' : 'every endpoint tried';
  const upstream = error.upstreamStatus === undefined ? '' : ` (upstream HTTP ${error.upstreamStatus})`;
  // The provider's own code describes its key, not the client's: the category's code says enough.
  const message = `${who} rejected its key${upstream}: check the gateway's provider keys`;
  return new FluxError({ ...error.toOptions(), status: 502, providerCode: undefined, message });
}

function isUpstreamKeyRefusal(error: FluxError): boolean {
  const refusal = error.category === 'authentication' || error.category === 'permission';
  return refusal && (error.upstreamStatus !== undefined || error.endpointId !== undefined);
}

/** A failed attempt that was a key refusal (canceled attempts are nobody's verdict). */
function refusedKey(attempt: AttemptRecord): boolean {
  return attempt.category === undefined || attempt.category === 'canceled' || attempt.category === 'authentication' || attempt.category === 'permission';
}
