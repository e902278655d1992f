import { FluxError } from '@fluxcore/errors';
import type { ProtocolAdapter } from '@fluxcore/message';
import type { Endpoint } from '@fluxcore/routing';
import { toFluxError } from '@fluxcore/call';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { DestinationStream, Logger } from 'pino';
import type { Registry } from 'prom-client';
import { GatewayAuth, presentedKey } from './auth.js';
import { CONFIG_DEFAULTS } from './config-schema.js';
import type { GatewayConfig } from './config-types.js';
import { forwardChat, type ChatContext } from './forward.js';
import { checkConfig } from './load-config.js';
import { createLogger } from './logger.js';
import { GatewayMetrics, NO_ENDPOINT } from './metrics.js';
import { catalog, type Catalog } from './model-catalog.js';
import { sendError, sendInternalError, sendJson } from './respond.js';
import { matchRoute, ROUTES, UNMATCHED_LABEL, type Route, type RouteMatch } from './routes.js';
import { buildRuntime, type Runtime } from './runtime.js';

/** Options of {@link createGateway} beyond the config. */
export interface GatewayOptions {
  /** Adapters for protocols fluxcore does not ship, by the name keys use in `protocol`. */
  protocols?: Readonly<Record<string, ProtocolAdapter>>;
  /** Where log lines go (default stdout), or a ready pino logger. */
  log?: DestinationStream | Logger;
  /** Variables for `${NAME}` placeholders in the config (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Options of {@link Gateway.shutdown}. */
export interface ShutdownOptions {
  /** How long running requests and streams may go on (default: the config's `shutdown.graceMs`). */
  graceMs?: number;
}

/** The gateway: a `node:http` Server with its config, endpoints, metrics and lifecycle. */
export interface Gateway extends Server {
  /** The validated config, `${NAME}` placeholders resolved. */
  readonly config: GatewayConfig;
  /** The live endpoints by id (breaker state, latency). */
  readonly endpoints: ReadonlyMap<string, Endpoint>;
  /** The Prometheus registry served at `/metrics`. */
  readonly metrics: Registry;
  /** The structured logger. */
  readonly logger: Logger;
  /** Listen on `port`/`host` (default: the config's `listen`); resolves with the base URL. */
  start(port?: number, host?: string): Promise<string>;
  /**
   * Stop accepting connections, let running requests and streams finish up to the grace
   * period, then abort what is left, close every connection and release upstream sockets.
   */
  shutdown(options?: ShutdownOptions): Promise<void>;
}

/**
 * Create the gateway from a config (validated here, so a config built in code gets the same
 * checks and messages as a file). Throws GatewayConfigError when it is invalid.
 */
export function createGateway(config: GatewayConfig, options: GatewayOptions = {}): Gateway {
  const checked = checkConfig(config, 'passed to createGateway', {
    ...(options.env && { env: options.env }),
    extraProtocols: Object.keys(options.protocols ?? {}),
  });
  const logger = isLogger(options.log) ? options.log : createLogger(checked.log?.level ?? CONFIG_DEFAULTS.logLevel, options.log);
  const handler = new GatewayHandler(checked, buildRuntime(checked, options.protocols), logger);
  const server = createServer((req, res) => handler.handle(req, res)) as Gateway;
  handler.attach(server);
  return Object.assign(server, {
    config: checked,
    endpoints: handler.runtime.endpoints,
    metrics: handler.metrics.registry,
    logger,
    start: (port?: number, host?: string) => handler.start(port, host),
    shutdown: (shutdownOptions?: ShutdownOptions) => handler.shutdown(shutdownOptions),
  });
}

function isLogger(value: GatewayOptions['log']): value is Logger {
  return value !== undefined && typeof (value as Logger).child === 'function' && typeof (value as Logger).info === 'function';
}

/** Routes each request; owns the runtime, auth, metrics and the shutdown state. */
class GatewayHandler {
  readonly metrics: GatewayMetrics;
  private readonly auth: GatewayAuth | undefined;
  private readonly catalog: Catalog;
  private readonly openai: ProtocolAdapter;
  private readonly gemini: ProtocolAdapter;
  private readonly maxBodyBytes: number;
  /** Running chat requests, to drain on shutdown. */
  private readonly inFlight = new Map<ServerResponse, RunningChat>();
  private server!: Server;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly config: GatewayConfig,
    readonly runtime: Runtime,
    private readonly logger: Logger,
  ) {
    const endpoints = [...runtime.endpoints.values()];
    this.metrics = new GatewayMetrics(endpoints.map((e) => ({ id: String(e.id), state: () => e.state })));
    this.auth = config.auth === undefined ? undefined : new GatewayAuth(config.auth.keys);
    this.catalog = catalog([...runtime.models.keys()]);
    this.openai = runtime.adapters.get('openai')!;
    this.gemini = runtime.adapters.get('gemini')!;
    this.maxBodyBytes = config.limits?.maxBodyBytes ?? CONFIG_DEFAULTS.maxBodyBytes;
  }

  attach(server: Server): void {
    this.server = server;
  }

  /** Answer one request. Never throws: a bug gets a bare 500 (see {@link lastResort}), never a crash. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    try {
      this.dispatch(req, res);
    } catch (error) {
      this.lastResort(res, error);
    }
  }

  private dispatch(req: IncomingMessage, res: ServerResponse): void {
    const startedAt = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const query = q === -1 ? '' : url.slice(q + 1);
    if (this.closing !== undefined) res.setHeader('connection', 'close');

    const match = matchRoute(path);
    if (match === undefined) {
      // A Gemini SDK calling a method the gateway does not serve (`:countTokens`) reads Gemini errors.
      const caller = path.startsWith('/v1beta/') ? this.gemini : this.openai;
      return this.reject(res, UNMATCHED_LABEL, caller, 'not_found', `no route for ${req.method} ${path}`);
    }
    if (match === null) {
      // Only Gemini paths carry a percent-encoded model.
      return this.reject(res, ROUTES.geminiGenerate.name, this.gemini, 'invalid_request', 'the model in the path is not valid percent-encoding');
    }
    const { route } = match;
    const adapter = this.runtime.adapters.get(route.protocol) ?? this.openai;
    if (req.method !== route.method) {
      res.setHeader('allow', route.method);
      return this.reject(res, route.name, adapter, 'invalid_request', `${route.name} accepts ${route.method} only`, 405);
    }
    if (route.kind !== 'health' && route.kind !== 'metrics' && this.auth !== undefined) {
      const key = presentedKey(req.headers, query, route.queryKey);
      if (!this.auth.accepts(key)) {
        return this.reject(res, route.name, adapter, 'authentication', key === undefined ? 'missing gateway API key' : 'invalid gateway API key');
      }
    }
    switch (route.kind) {
      case 'chat':
        return this.startChat(req, res, match, adapter, startedAt);
      case 'list-models':
        return sendJson(res, 200, this.catalog.openai);
      case 'get-model':
        return this.getModel(res, route, match.model!);
      case 'list-gemini-models':
        return sendJson(res, 200, this.catalog.gemini);
      case 'health':
        return this.health(res);
      case 'metrics':
        return void this.scrape(res);
    }
  }

  /** Run a chat request, tracked until it is answered and logged, so that shutdown can wait for it or abort it. */
  private startChat(req: IncomingMessage, res: ServerResponse, match: RouteMatch, adapter: ProtocolAdapter, startedAt: number): void {
    const controller = connectionController(req.socket);
    const done = this.chat(req, res, match, adapter, controller.signal, startedAt)
      .catch((error: unknown) => this.lastResort(res, error))
      .finally(() => this.inFlight.delete(res));
    this.inFlight.set(res, { controller, done });
  }

  private async chat(
    req: IncomingMessage,
    res: ServerResponse,
    match: RouteMatch,
    adapter: ProtocolAdapter,
    signal: AbortSignal,
    startedAt: number,
  ): Promise<void> {
    const context: ChatContext = {
      req,
      res,
      route: match.route,
      adapter,
      models: this.runtime.models,
      maxBodyBytes: this.maxBodyBytes,
      signal,
      startedAt,
      ...(match.model !== undefined && { pathModel: match.model }),
      ...(match.stream !== undefined && { pathStream: match.stream }),
    };
    const outcome = await forwardChat(context);
    const routeName = match.route.name;
    for (const attempt of outcome.failedAttempts) this.metrics.failure(routeName, attempt.endpoint, attempt.category);
    if (outcome.error !== undefined) this.metrics.failure(routeName, NO_ENDPOINT, outcome.error.category);
    const endpoint = outcome.endpoint ?? NO_ENDPOINT;
    this.metrics.request({
      route: routeName,
      endpoint,
      status: outcome.status,
      durationMs: outcome.durationMs,
      overheadMs: outcome.overheadMs,
      ...(outcome.usage && { usage: outcome.usage }),
    });
    this.logChat(routeName, outcome);
  }

  private logChat(route: string, outcome: Awaited<ReturnType<typeof forwardChat>>): void {
    const { error, usage } = outcome;
    const failed = error !== undefined && error.status >= 500 && error.category !== 'canceled';
    // The access line is built only when it is written: production often logs at `warn`.
    if (!failed && !this.logger.isLevelEnabled('info')) return;
    const line = {
      route,
      model: outcome.model,
      stream: outcome.stream,
      status: outcome.status,
      endpoint: outcome.endpoint,
      attempts: outcome.attempts,
      ...(outcome.failedAttempts.length > 0 && { failed: outcome.failedAttempts }),
      durationMs: round(outcome.durationMs),
      overheadMs: round(outcome.overheadMs),
      ...(usage && { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, cost: usage.cost, usageAccurate: usage.isAccurate }),
      ...(error && { category: error.category, err: error }),
    };
    if (failed) this.logger.warn(line, 'request failed');
    else this.logger.info(line, 'request');
  }

  private getModel(res: ServerResponse, route: Route, model: string): void {
    const json = this.catalog.byName.get(model);
    if (json !== undefined) return sendJson(res, 200, json);
    this.reject(res, route.name, this.openai, 'not_found', `model ${JSON.stringify(model)} is not served by this gateway`);
  }

  private health(res: ServerResponse): void {
    const endpoints: Record<string, string> = {};
    for (const [id, endpoint] of this.runtime.endpoints) endpoints[id] = endpoint.state;
    sendJson(res, 200, JSON.stringify({ status: 'ok', endpoints }));
  }

  private async scrape(res: ServerResponse): Promise<void> {
    try {
      const text = await this.metrics.registry.metrics();
      res.setHeader('content-type', this.metrics.registry.contentType);
      res.end(text);
    } catch (error) {
      this.logger.error({ err: error }, 'metrics scrape failed');
      sendError(res, this.openai, toFluxError(error));
    }
  }

  /** Answer an error found before any upstream call, in the caller's protocol, and count it. */
  private reject(res: ServerResponse, routeLabel: string, adapter: ProtocolAdapter, category: FluxError['category'], message: string, status?: number): void {
    const error = new FluxError({ category, message, ...(status !== undefined && { status }) });
    const sent = sendError(res, adapter, error);
    this.metrics.failure(routeLabel, NO_ENDPOINT, category);
    this.metrics.request({ route: routeLabel, endpoint: NO_ENDPOINT, status: sent, durationMs: 0, overheadMs: 0 });
  }

  /**
   * A bug (ours, or a custom adapter's formatError throwing) must neither crash the process nor
   * leak its message: log it, and answer a bare OpenAI-shaped 500 while the status line is not sent.
   */
  private lastResort(res: ServerResponse, error: unknown): void {
    this.logger.error({ err: error }, 'internal error while answering a request');
    if (res.headersSent) res.destroy();
    else sendInternalError(res);
  }

  start(port?: number, host?: string): Promise<string> {
    const listenPort = port ?? this.config.listen?.port ?? CONFIG_DEFAULTS.port;
    const listenHost = host ?? this.config.listen?.host ?? CONFIG_DEFAULTS.host;
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(listenPort, listenHost, () => {
        this.server.off('error', reject);
        const address = this.server.address() as AddressInfo;
        const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        const url = `http://${shownHost}:${address.port}`;
        this.logger.info({ url, models: [...this.runtime.models.keys()], endpoints: [...this.runtime.endpoints.keys()] }, 'gateway listening');
        resolve(url);
      });
    });
  }

  shutdown(options: ShutdownOptions = {}): Promise<void> {
    this.closing ??= this.drain(options.graceMs ?? this.config.shutdown?.graceMs ?? CONFIG_DEFAULTS.graceMs);
    return this.closing;
  }

  private async drain(graceMs: number): Promise<void> {
    this.logger.info({ inFlight: this.inFlight.size, graceMs }, 'shutting down');
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    for (const res of this.inFlight.keys()) if (!res.headersSent) res.setHeader('connection', 'close');
    const deadline = Date.now() + graceMs;
    // A kept-alive connection may still bring a request after the first ones are done: wait again.
    while (this.inFlight.size > 0) {
      if (!(await settlesWithin(this.allInFlight(), deadline - Date.now()))) break;
    }
    if (this.inFlight.size > 0) {
      this.logger.warn({ aborted: this.inFlight.size }, 'grace period over: aborting requests still running');
      const reason = new FluxError({ category: 'canceled', message: 'the shutdown grace period ended' });
      for (const { controller } of this.inFlight.values()) controller.abort(reason);
    }
    this.server.closeAllConnections();
    await closed;
    await Promise.all([...this.runtime.models.values()].map((model) => model.client.close()));
    this.logger.info('gateway stopped');
  }

  /** Settles once every chat request running now is answered and logged. */
  private allInFlight(): Promise<unknown> {
    return Promise.all([...this.inFlight.values()].map((chat) => chat.done));
  }
}

/** The abort of each client connection's requests; see {@link connectionController}. */
const connectionControllers = new WeakMap<Socket, AbortController>();

/**
 * The AbortController of the requests on one client connection, aborted when it closes. A
 * request loses its client only with its connection, and a kept-alive connection carries many
 * requests, so they share one controller (an AbortSignal costs microseconds to create) instead
 * of each making its own. Shutdown aborting it ends that connection's requests, which shutdown
 * ends anyway.
 */
function connectionController(socket: Socket): AbortController {
  let controller = connectionControllers.get(socket);
  if (controller === undefined || controller.signal.aborted) {
    const created = new AbortController();
    socket.once('close', () => created.abort(new FluxError({ category: 'canceled', message: 'the client went away' })));
    connectionControllers.set(socket, created);
    controller = created;
  }
  return controller;
}

/** A chat request in progress. */
interface RunningChat {
  /** Aborts the request (the client went away, or the shutdown grace period ended). */
  readonly controller: AbortController;
  /** Settles, never rejects, once the request is answered, counted and logged. */
  readonly done: Promise<void>;
}

/** Whether `promise` settles within `ms` milliseconds (false at once when `ms` is not positive). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  if (ms <= 0) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
