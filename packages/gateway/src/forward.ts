import { request, requestStream, toFluxError, type AttemptRecord } from '@fluxcore/call';
import { FluxError, isFluxError } from '@fluxcore/errors';
import type { JsonObject, ParseRequestOptions, ProtocolAdapter, Usage } from '@fluxcore/message';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';
import { OverheadClock } from './overhead.js';
import { readBody } from './read-body.js';
import { forClient, sendError } from './respond.js';
import type { Route } from './routes.js';
import type { ServedModel } from './runtime.js';

/** Everything one chat request needs. */
export interface ChatContext {
  req: IncomingMessage;
  res: ServerResponse;
  route: Route;
  /** The caller's protocol. */
  adapter: ProtocolAdapter;
  models: ReadonlyMap<string, ServedModel>;
  maxBodyBytes: number;
  /** Aborted when the client goes away (or the shutdown deadline passes). */
  signal: AbortSignal;
  /** `performance.now()` when the request arrived. */
  startedAt: number;
  /** Model from the path (Gemini). */
  pathModel?: string;
  /** Streaming from the path (Gemini). */
  pathStream?: boolean;
}

/** What happened to one chat request, for metrics and the access log. */
export interface ChatOutcome {
  status: number;
  /** The client-facing model, when the request named a served one. */
  model?: string;
  stream: boolean;
  /** Endpoint that answered. */
  endpoint?: string;
  attempts: number;
  /** Upstream attempts that failed, with their endpoint and category. */
  failedAttempts: Array<{ endpoint: string; category: string }>;
  durationMs: number;
  /** Time spent in fluxcore (see OverheadClock); for a stream, measured to its end. */
  overheadMs: number;
  usage?: Usage;
  /** The error answered to the client (or that cut a stream short). */
  error?: FluxError;
}

/**
 * Serve one chat request: read and parse the body, find the model's pool, call it (streamed or
 * not) in the caller's protocol, and write the answer. Never throws: every failure is answered
 * in the caller's protocol and reported in the outcome.
 */
export async function forwardChat(ctx: ChatContext): Promise<ChatOutcome> {
  const outcome: ChatOutcome = { status: 0, stream: ctx.pathStream ?? false, attempts: 0, failedAttempts: [], durationMs: 0, overheadMs: 0 };
  const clock = new OverheadClock(ctx.startedAt);
  try {
    const body = await readJson(ctx, clock);
    const served = servedModel(ctx, body);
    outcome.model = served.name;
    outcome.stream = ctx.pathStream ?? body.stream === true;
    const route: ParseRequestOptions | undefined = ctx.pathModel === undefined ? undefined : { model: ctx.pathModel, stream: outcome.stream };
    const options = { signal: ctx.signal, ...(route && { route }) };
    const call: ChatCall = { ctx, served, body, options, outcome, clock };
    if (outcome.stream) await stream(call);
    else await complete(call);
  } catch (thrown) {
    const attempts = attemptsOf(thrown);
    outcome.overheadMs = clock.overheadMs(attempts ?? []);
    fail(ctx, outcome, toFluxError(thrown), attempts);
  }
  outcome.durationMs = performance.now() - ctx.startedAt;
  return outcome;
}

type CallOptions = { signal: AbortSignal; route?: ParseRequestOptions };

/** One chat request with its body read and its model found: what answering it needs. */
interface ChatCall {
  ctx: ChatContext;
  served: ServedModel;
  body: JsonObject;
  options: CallOptions;
  outcome: ChatOutcome;
  clock: OverheadClock;
}

async function complete({ ctx, served, body, options, outcome, clock }: ChatCall): Promise<void> {
  const result = await request(served.client, body, ctx.adapter, options);
  record(outcome, result.attempts, String(result.endpoint.id));
  outcome.usage = result.usage;
  const json = JSON.stringify(result.body);
  outcome.overheadMs = clock.overheadMs(result.attempts);
  outcome.status = 200;
  // A declared length sends the status line, headers and body in one socket write (no chunked framing).
  ctx.res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
    'x-fluxcore-endpoint': outcome.endpoint!,
    'x-fluxcore-overhead-ms': overheadHeader(outcome.overheadMs),
  });
  ctx.res.end(json);
}

/**
 * Stream the answer. Headers wait for the first chunk: until then every failure (all endpoints
 * down, failover exhausted) can still be answered with a clean HTTP error in the caller's
 * protocol, and `x-fluxcore-endpoint` names the endpoint that really serves the stream.
 */
async function stream({ ctx, served, body, options, outcome, clock }: ChatCall): Promise<void> {
  const answer = await requestStream(served.client, body, ctx.adapter, options);
  const chunks = answer[Symbol.asyncIterator]();
  const first = await chunks.next();
  record(outcome, answer.attempts, String(answer.endpoint.id));
  outcome.status = 200;
  const { res } = ctx;
  res.writeHead(200, {
    'content-type': ctx.adapter.streamContentType,
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
    'x-fluxcore-endpoint': outcome.endpoint!,
    'x-fluxcore-overhead-ms': overheadHeader(clock.overheadMs(answer.attempts)),
  });
  try {
    if (first.done !== true) await write(res, first.value, ctx.signal, clock);
    for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) await write(res, next.value, ctx.signal, clock);
    res.end();
  } catch (thrown) {
    // The status line is gone; the client went away or the shutdown deadline passed.
    outcome.error = ctx.signal.aborted ? canceled(ctx.signal) : toFluxError(thrown);
    if (!res.writableEnded) res.destroy();
  }
  record(outcome, answer.attempts, outcome.endpoint!);
  outcome.overheadMs = clock.overheadMs(answer.attempts);
  const broken = answer.attempts[answer.attempts.length - 1]?.category;
  if (outcome.error === undefined && broken !== undefined) {
    // A failure after content reached the client: call already ended the stream with the
    // protocol's own error signal; report it.
    outcome.error = new FluxError({ category: broken, message: 'the upstream failed after the stream had started' });
  }
  outcome.usage = await answer.usage;
}

/** Write one chunk, waiting for the socket to drain when the client reads slower than the upstream sends. */
async function write(res: ServerResponse, chunk: string, signal: AbortSignal, clock: OverheadClock): Promise<void> {
  if (res.write(chunk)) return;
  await clock.client(once(res, 'drain', { signal }));
}

/**
 * Why the request was aborted, as a `canceled` error: never a failure of the gateway (a wait
 * for the client to drain, for one, rejects with a plain AbortError).
 */
function canceled(signal: AbortSignal): FluxError {
  if (isFluxError(signal.reason)) return signal.reason;
  return new FluxError({ category: 'canceled', message: 'the request was canceled', cause: signal.reason });
}

function fail(ctx: ChatContext, outcome: ChatOutcome, error: FluxError, attempts: readonly AttemptRecord[] | undefined): void {
  outcome.error = error;
  if (attempts !== undefined) record(outcome, attempts, undefined);
  if (ctx.res.headersSent || ctx.signal.aborted) {
    outcome.status = outcome.status || 499;
    if (!ctx.res.writableEnded) ctx.res.destroy();
    return;
  }
  outcome.status = sendError(ctx.res, ctx.adapter, forClient(error, attempts));
}

async function readJson(ctx: ChatContext, clock: OverheadClock): Promise<JsonObject> {
  const bytes = await clock.client(readBody(ctx.req, ctx.maxBodyBytes));
  if (nestsDeeperThan(bytes, MAX_JSON_DEPTH)) {
    throw new FluxError({ category: 'invalid_request', message: `the request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels` });
  }
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw new FluxError({ category: 'invalid_request', message: 'the request body is not valid JSON' });
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new FluxError({ category: 'invalid_request', message: 'the request body must be a JSON object' });
  }
  return body as JsonObject;
}

function servedModel(ctx: ChatContext, body: JsonObject): ServedModel {
  const name = ctx.pathModel ?? body.model;
  if (typeof name !== 'string' || name === '') {
    throw new FluxError({ category: 'invalid_request', param: 'model', message: 'the request names no model' });
  }
  const served = ctx.models.get(name);
  if (served === undefined) {
    throw new FluxError({ category: 'not_found', param: 'model', message: `model ${JSON.stringify(name)} is not served by this gateway` });
  }
  return served;
}

function record(outcome: ChatOutcome, attempts: readonly AttemptRecord[], endpoint: string | undefined): void {
  outcome.attempts = attempts.length;
  if (endpoint !== undefined) outcome.endpoint = endpoint;
  outcome.failedAttempts = [];
  for (const attempt of attempts) {
    if (attempt.category !== undefined && attempt.category !== 'canceled') {
      outcome.failedAttempts.push({ endpoint: String(attempt.endpointId), category: attempt.category });
    }
  }
}

function overheadHeader(ms: number): string {
  return ms.toFixed(2);
}

function attemptsOf(thrown: unknown): readonly AttemptRecord[] | undefined {
  if (!isFluxError(thrown)) return undefined;
  const attempts = (thrown as { attempts?: unknown }).attempts;
  return Array.isArray(attempts) ? (attempts as AttemptRecord[]) : undefined;
}
