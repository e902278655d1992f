import { classifyHttp, FluxError, isFluxError } from '@fluxcore/errors';
import type { ProtocolAdapter, UpstreamRequest, UpstreamTarget } from '@fluxcore/message';
import type { Endpoint } from '@fluxcore/routing';
import type { Attempt, AttemptPlan } from './attempt-plan.js';
import { readErrorText } from './body.js';
import type { Timeouts } from './options.js';
import { hasOwnModel, modelFor, type PreparedCall } from './prepare.js';
import type { AttemptScope } from './scope.js';
import type { Transport, UpstreamResponse } from './transport.js';

/** Everything one call shares between its attempts. */
export interface CallContext {
  readonly prepared: PreparedCall;
  readonly inbound: ProtocolAdapter;
  readonly transport: Transport;
  readonly timeouts: Timeouts;
  readonly plan: AttemptPlan;
  readonly maxResponseBytes: number;
}

/**
 * Send one attempt and wait for its answer's headers. Starts the first-token deadline, which
 * keeps running until the caller reports the answer's first content to the scope. Returns a 2xx
 * response with its body still on the wire; throws the classified FluxError of any other answer,
 * read from at most 64 KiB of its body.
 */
export async function openUpstream(context: CallContext, attempt: Attempt, scope: AttemptScope, stream: boolean): Promise<UpstreamResponse> {
  const outbound = attempt.endpoint.key.protocol;
  const upstreamRequest = buildUpstreamRequest(context, attempt.endpoint, stream);
  scope.armFirstToken(context.timeouts.firstByteMs);
  const sentAt = performance.now();
  let response: UpstreamResponse;
  try {
    response = await context.transport.send(upstreamRequest, context.timeouts.connectMs, scope.signal);
  } finally {
    scope.waited(sentAt);
  }
  context.plan.answered(attempt, response.status);
  if (response.status >= 200 && response.status < 300) return response;
  const text = await readErrorText(response.body, scope, context.timeouts.idleMs);
  if (scope.signal.aborted) throw scope.explain(undefined);
  if (response.status < 400) {
    throw new FluxError({
      category: 'upstream_protocol',
      upstreamStatus: response.status,
      message: `upstream answered HTTP ${response.status}; redirects are not followed`,
    });
  }
  const error = readUpstreamError(outbound, response, text);
  throw error.category === 'not_found' && hasOwnModel(attempt.endpoint) ? staleEndpointModel(error, attempt.endpoint) : error;
}

/**
 * A 404 for the model the endpoint itself names is the endpoint's fault (a retired or misspelt
 * model in the configuration), not the caller's: another endpoint may serve the request, and the
 * breaker counts it. A 5xx tells the caller that its request was fine.
 */
function staleEndpointModel(error: FluxError, endpoint: Endpoint): FluxError {
  return new FluxError({
    ...error.toOptions(),
    status: 502,
    retryable: true,
    countsAsFailure: true,
    message: `endpoint ${String(endpoint.id)} names a model the upstream does not know: ${error.message}`,
  });
}

/**
 * The upstream request for this endpoint: the client's own body when both sides speak the same
 * protocol (nothing the IR does not model is lost), otherwise built from the IR.
 */
function buildUpstreamRequest(context: CallContext, endpoint: Endpoint, stream: boolean): UpstreamRequest {
  const { key } = endpoint;
  const outbound = key.protocol;
  const target: UpstreamTarget = { baseURL: key.baseURL, apiKey: key.apiKey, model: modelFor(endpoint, context.prepared.request), stream };
  if (key.headers !== undefined) target.headers = key.headers;
  try {
    return outbound.name === context.inbound.name
      ? outbound.buildPassthroughRequest(context.prepared.body, target)
      : outbound.buildRequest(context.prepared.request, target);
  } catch (error) {
    if (isFluxError(error)) throw error;
    throw new FluxError({
      category: 'server',
      countsAsFailure: false,
      message: `the ${outbound.name} adapter could not build the upstream request`,
      cause: error,
    });
  }
}

function readUpstreamError(outbound: ProtocolAdapter, response: UpstreamResponse, text: string): FluxError {
  const headers = { get: (name: string) => response.headers[name.toLowerCase()] };
  try {
    const error = outbound.parseError(response.status, text, headers);
    if (isFluxError(error)) return error;
  } catch {
    // A provider error body the adapter cannot read still has a status to classify.
  }
  return classifyHttp(response.status, text, headers);
}
