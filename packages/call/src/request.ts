import { FluxError } from '@fluxcore/errors';
import type { ChatResponse, JsonObject, ProtocolAdapter, Usage } from '@fluxcore/message';
import type { Endpoint, EndpointPool } from '@fluxcore/routing';
import { guard } from './adapter-guard.js';
import type { Attempt } from './attempt-plan.js';
import type { AttemptRecord } from './attempt-record.js';
import { readCapped } from './body.js';
import { openUpstream, type CallContext } from './exchange.js';
import type { CallOptions } from './options.js';
import type { PoolClient } from './pool-client.js';
import type { RawBody } from './prepare.js';
import type { AttemptScope } from './scope.js';
import { startCall } from './start-call.js';
import { buildUsage, outputTextOf } from './usage.js';

/** A complete answer, in the caller's protocol. */
export interface CallResult {
  /** The response body in the caller's protocol, as a JSON object. */
  body: JsonObject;
  /** The upstream's HTTP status (2xx). */
  status: number;
  /** The upstream's response headers (lower-case), for diagnostics such as request ids. Not meant to be forwarded as is. */
  headers?: Record<string, string>;
  /** Token counts, latency and cost of the call. */
  usage: Usage;
  /** The endpoint that served the answer. */
  endpoint: Endpoint;
  /** Every attempt, in order, the successful one last. */
  attempts: readonly AttemptRecord[];
}

/** What one successful attempt produced. */
interface Answer {
  body: JsonObject;
  status: number;
  headers: Record<string, string>;
  response: ChatResponse;
}

/**
 * Send a non-streamed request through the pool: the cheapest healthy endpoint answers, with
 * failover and retries by the pool's rules, and the answer comes back in the caller's protocol.
 * Given a {@link PoolClient}, the call runs under its settings and on its connections; given a
 * bare pool, on the pool's default client (default settings unless `configurePool` set others).
 * Throws a {@link CallError} (a FluxError) when every attempt failed or the request is invalid.
 */
export async function request(
  via: EndpointPool | PoolClient,
  rawBody: RawBody,
  inboundAdapter: ProtocolAdapter,
  options: CallOptions = {},
): Promise<CallResult> {
  const { context, scope } = startCall(via, rawBody, inboundAdapter, false, options);
  const { plan } = context;
  try {
    for (;;) {
      const attempt = plan.begin(await plan.next());
      const attemptScope = scope.attempt(attempt.record);
      try {
        const answer = await answerOnce(context, attempt, attemptScope);
        attemptScope.finished();
        plan.succeed(attempt);
        const usage = buildUsage(
          answer.response.usage,
          { inputTokens: context.prepared.demand.inputTokens, outputText: () => outputTextOf(answer.response.content) },
          { latencyMs: scope.elapsedMs() },
          attempt.endpoint,
        );
        return { body: answer.body, status: answer.status, headers: answer.headers, usage, endpoint: attempt.endpoint, attempts: plan.records };
      } catch (error) {
        plan.fail(attempt, attemptScope.explain(error));
      } finally {
        attemptScope.close();
      }
    }
  } finally {
    scope.dispose();
  }
}

/** One attempt: send, read the whole body under the cap, and convert it for the caller. */
async function answerOnce(context: CallContext, attempt: Attempt, scope: AttemptScope): Promise<Answer> {
  const response = await openUpstream(context, attempt, scope, false);
  const bytes = await readCapped(response.body, scope, context.timeouts.idleMs, context.maxResponseBytes);
  // A non-streamed answer's content is its whole body: the first-token deadline covered generation.
  scope.contentArrived();
  const json = parseJson(bytes);
  const outbound = attempt.endpoint.key.protocol;
  const parsed = guard(() => outbound.parseResponse(json), `the ${outbound.name} adapter could not read the upstream answer`);
  const passthrough = outbound.name === context.inbound.name;
  const body = passthrough
    ? (json as JsonObject)
    : guard(
        () => context.inbound.formatResponse(parsed, { request: context.prepared.request }),
        `the ${context.inbound.name} adapter could not format the answer`,
      );
  return { body, status: response.status, headers: response.headers, response: parsed };
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (cause) {
    throw new FluxError({ category: 'upstream_protocol', message: 'upstream answered with a body that is not valid JSON', cause });
  }
}
