import { FluxError, isFluxError } from '@fluxcore/errors';
import { estimateRequestTokens, type ChatRequest, type JsonObject, type ParseRequestOptions, type ProtocolAdapter } from '@fluxcore/message';
import type { Endpoint } from '@fluxcore/routing';
import type { Demand } from './attempt-plan.js';

/** A client request body: JSON text, its UTF-8 bytes, or an already parsed object. */
export type RawBody = string | Uint8Array | JsonObject;

/** The client request, read once and reused by every attempt. */
export interface PreparedCall {
  /** The client's body as a JSON object (forwarded as is on the same-protocol fast path). */
  body: JsonObject;
  /** The same request in the IR. */
  request: ChatRequest;
  /** What selection prices the request by. */
  demand: Demand;
}

/** Parse the client's body with the inbound adapter. Bad input is an `invalid_request` FluxError. */
export function prepare(rawBody: RawBody, inbound: ProtocolAdapter, stream: boolean, route: ParseRequestOptions | undefined): PreparedCall {
  if (typeof inbound?.parseRequest !== 'function') {
    throw new FluxError({
      category: 'invalid_request',
      param: 'inboundAdapter',
      message: 'inboundAdapter must be a ProtocolAdapter (for example `openai` from @fluxcore/openai)',
    });
  }
  const body = toJsonObject(rawBody);
  try {
    const request: ChatRequest = { ...inbound.parseRequest(body, route), stream };
    const demand: Demand = { inputTokens: estimateRequestTokens(request) };
    if (request.maxTokens !== undefined) demand.maxOutputTokens = request.maxTokens;
    return { body, request, demand };
  } catch (error) {
    if (isFluxError(error)) throw error;
    // A RangeError here is a request nested too deeply to serialise (JSON.parse accepts more depth than JSON.stringify).
    const reason = error instanceof RangeError ? 'the request is nested too deeply' : `the ${inbound.name} adapter could not read the request`;
    throw new FluxError({ category: 'invalid_request', message: reason, cause: error });
  }
}

/** The model to ask the endpoint for: its own when set, else the client's. */
export function modelFor(endpoint: Endpoint, request: ChatRequest): string {
  return hasOwnModel(endpoint) ? endpoint.model : (request.model ?? '');
}

/** Whether the endpoint replaces the client's model with its own. */
export function hasOwnModel(endpoint: Endpoint): endpoint is Endpoint & { readonly model: string } {
  return endpoint.model !== undefined && endpoint.model !== '';
}

function toJsonObject(raw: RawBody): JsonObject {
  let value: unknown = raw;
  if (typeof raw === 'string' || raw instanceof Uint8Array) {
    const text = typeof raw === 'string' ? raw : new TextDecoder().decode(raw);
    try {
      value = JSON.parse(text) as unknown;
    } catch (cause) {
      throw new FluxError({ category: 'invalid_request', message: 'the request body is not valid JSON', cause });
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FluxError({ category: 'invalid_request', message: `the request body must be a JSON object, got ${describe(value)}` });
  }
  return value as JsonObject;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}
