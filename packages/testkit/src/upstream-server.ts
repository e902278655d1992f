import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ProviderSimulator, Scenario, SimulatedCall, SimulatedErrorKind } from '@fluxcore/adapter-kit';
import { errorKindForStatus, FaultSlot, type UpstreamFault, type UpstreamFaultSpec } from './upstream/fault.js';
import { pause, writeChunk, writeFiller } from './upstream/write.js';

/** Picks the scenario for one call (to answer differently per request). */
export type ScenarioSource = Scenario | ((call: UpstreamCall) => Scenario);

/** Options of {@link startUpstream}. */
export interface StartUpstreamOptions {
  /** The provider whose wire format the server speaks. Every body and frame comes from it. */
  simulator: ProviderSimulator;
  /** What to answer (default: a short text answer). */
  scenario?: ScenarioSource;
  /** When set, calls carrying another key get the provider's 401. */
  apiKey?: string;
  /** Pause between stream frames in milliseconds (default 0). */
  frameDelayMs?: number;
}

/** One request the server received, and what it did with it. Fields update while it is answered. */
export interface UpstreamCall extends SimulatedCall {
  /** 0 for the first call this server received. */
  readonly index: number;
  readonly method: string;
  /** Request headers, lower-case names. */
  readonly headers: IncomingHttpHeaders;
  /** The body as received. */
  readonly rawBody: string;
  /** `Date.now()` when the whole request body had arrived. */
  readonly receivedAt: number;
  /** Whether the simulator read the call as a stream request. */
  readonly stream: boolean;
  /** The fault applied to this call, if any. */
  readonly fault?: UpstreamFaultSpec;
  /** Status sent, once sent. */
  status?: number;
  /** Body bytes handed to the socket so far. */
  bytesSent: number;
  /** True while the server waits for the client to read (TCP backpressure). */
  backpressured: boolean;
  /** `Date.now()` when the exchange ended (response finished, or the connection closed). */
  closedAt?: number;
  /** True when the client closed the connection before the answer was complete. */
  aborted: boolean;
  /** Resolves when the exchange ended, either way. */
  readonly done: Promise<void>;
}

/** A running simulated provider. */
export interface Upstream {
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every call received, in order. */
  readonly calls: readonly UpstreamCall[];
  /** Client connections currently open. */
  readonly openConnections: number;
  /** Inject a fault (one-shot with `times: 1`, persistent without `times`), or clear it. */
  setFault(fault: UpstreamFault | undefined): void;
  /** Change what the server answers from now on. */
  setScenario(scenario: ScenarioSource): void;
  /** Stop listening and drop every connection. */
  close(): Promise<void>;
}

const DEFAULT_SCENARIO: Scenario = { text: 'Hello from the simulated upstream.', usage: { inputTokens: 12, outputTokens: 7 } };

/**
 * Start a simulated provider on 127.0.0.1 (a free port). It answers in the simulator's wire
 * format, records every call, injects faults on demand, honours TCP backpressure when
 * streaming, and notices when a client goes away.
 */
export async function startUpstream(options: StartUpstreamOptions): Promise<Upstream> {
  const server = new UpstreamServer(options);
  return server.listen();
}

class UpstreamServer {
  private readonly http = createServer((req, res) => void this.handle(req, res));
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly faults = new FaultSlot();
  private readonly calls: UpstreamCall[] = [];
  private scenario: ScenarioSource;

  constructor(private readonly options: StartUpstreamOptions) {
    this.scenario = options.scenario ?? DEFAULT_SCENARIO;
    this.http.on('connection', (socket: Socket) => {
      if (this.faults.is('refuse')) {
        this.faults.take();
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  listen(): Promise<Upstream> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(0, '127.0.0.1', () => {
        const { port } = this.http.address() as AddressInfo;
        resolve(this.handleFor(`http://127.0.0.1:${port}`));
      });
    });
  }

  private handleFor(url: string): Upstream {
    const self = this;
    return {
      url,
      calls: this.calls,
      get openConnections() {
        return self.sockets.size;
      },
      setFault: (fault) => this.faults.set(fault),
      setScenario: (scenario) => {
        this.scenario = scenario;
      },
      close: () => this.close(),
    };
  }

  private close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.http.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    if (rawBody === undefined) return;
    const call = this.record(req, res, rawBody);
    const fault = call.fault;
    if (fault?.type === 'refuse') {
      req.socket.destroy();
      return;
    }
    if (fault?.type === 'slow-first-byte' && !(await pause(res, fault.delayMs, this.timers))) return;
    await this.answer(call, res, fault);
  }

  private record(req: IncomingMessage, res: ServerResponse, rawBody: string): UpstreamCall {
    const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
    const simulated: SimulatedCall = { path, query, headers: req.headers, body: parseJson(rawBody) };
    const route = this.options.simulator.route(simulated);
    let settle!: () => void;
    const call: UpstreamCall = {
      ...simulated,
      headers: req.headers,
      index: this.calls.length,
      method: req.method ?? 'GET',
      rawBody,
      receivedAt: Date.now(),
      stream: route?.stream ?? false,
      fault: this.faults.take(),
      bytesSent: 0,
      backpressured: false,
      aborted: false,
      done: new Promise<void>((resolve) => (settle = resolve)),
    };
    res.once('close', () => {
      call.closedAt = Date.now();
      call.aborted = !res.writableFinished;
      settle();
    });
    this.calls.push(call);
    return call;
  }

  private async answer(call: UpstreamCall, res: ServerResponse, fault: UpstreamFaultSpec | undefined): Promise<void> {
    const simulator = this.options.simulator;
    const route = simulator.route(call);
    if (route === undefined) return this.sendError(call, res, 404, 'not_found', `no route for ${call.path}`);
    if (call.body === undefined) return this.sendError(call, res, 400, 'invalid_request', 'request body is not valid JSON');
    if (this.options.apiKey !== undefined && simulator.apiKeyOf(call) !== this.options.apiKey) {
      return this.sendError(call, res, 401, 'authentication', 'invalid API key');
    }
    if (fault?.type === 'http-error') {
      const kind = fault.kind ?? errorKindForStatus(fault.status);
      const headers: Record<string, string> = { ...fault.headers };
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      return this.sendError(call, res, fault.status, kind, fault.message ?? `simulated ${kind}`, headers);
    }
    const contentType = call.stream ? simulator.streamContentType : 'application/json';
    if (fault?.type === 'malformed-json') return this.send(call, res, 200, contentType, '{"id":"broken","choices":[{');
    if (fault?.type === 'oversized') return this.sendOversized(call, res, contentType, fault.bytes);

    const model = route.model ?? modelOf(call.body) ?? 'sim-model';
    const scenario = typeof this.scenario === 'function' ? this.scenario(call) : this.scenario;
    const frames = call.stream ? simulator.renderStream(scenario, model) : halves(JSON.stringify(simulator.renderResponse(scenario, model)));
    await this.sendFrames(call, res, contentType, frames, fault);
  }

  /** Write frames (stream events, or the halves of a JSON body), then apply the fault. */
  private async sendFrames(
    call: UpstreamCall,
    res: ServerResponse,
    contentType: string,
    frames: string[],
    fault: UpstreamFaultSpec | undefined,
  ): Promise<void> {
    const cut = cutPoint(fault, frames.length, call.stream);
    call.status = 200;
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache' });
    res.flushHeaders();
    const delay = this.options.frameDelayMs ?? 0;
    const holdAt = fault?.type === 'slow-first-token' ? (call.stream ? (fault.afterFrames ?? 1) : 0) : -1;
    for (const [i, frame] of frames.slice(0, cut).entries()) {
      if (i === holdAt && fault?.type === 'slow-first-token' && !(await this.holdBack(call, res, contentType, fault.delayMs, fault.keepAliveMs))) return;
      if (i > 0 && delay > 0 && !(await pause(res, delay, this.timers))) return;
      if (!(await writeChunk(res, frame, call))) return;
    }
    switch (fault?.type) {
      case 'reset':
        res.socket?.resetAndDestroy();
        return;
      case 'stall':
        return;
      case 'malformed-stream':
        await writeChunk(res, this.options.simulator.streamContentType.includes('ndjson') ? '{not json\n' : 'data: {not json\n\n', call);
        res.end();
        return;
      case 'stream-error': {
        const kind = fault.kind ?? 'server';
        const signal = this.options.simulator.renderStreamError(kind, fault.message ?? `simulated ${kind}`);
        if (signal === undefined) res.socket?.resetAndDestroy();
        else if (await writeChunk(res, signal, call)) res.end();
        return;
      }
      default:
        res.end();
    }
  }

  /** Wait `ms` with the headers sent, writing a keep-alive every `keepAliveMs` when set. False when the client left. */
  private async holdBack(call: UpstreamCall, res: ServerResponse, contentType: string, ms: number, keepAliveMs: number | undefined): Promise<boolean> {
    const keepAlive = contentType === 'text/event-stream' ? ': keep-alive\n\n' : '\n';
    let left = ms;
    while (left > 0) {
      const step = keepAliveMs === undefined ? left : Math.min(keepAliveMs, left);
      if (!(await pause(res, step, this.timers))) return false;
      left -= step;
      if (keepAliveMs !== undefined && left > 0 && !(await writeChunk(res, keepAlive, call))) return false;
    }
    return true;
  }

  private async sendOversized(call: UpstreamCall, res: ServerResponse, contentType: string, bytes: number): Promise<void> {
    call.status = 200;
    res.writeHead(200, { 'content-type': contentType });
    const unit =
      contentType === 'application/json' ? ' '.repeat(65_535) + '\n' : contentType.includes('ndjson') ? ' '.repeat(65_535) + '\n' : `:${'x'.repeat(65_534)}\n`;
    const opening = contentType === 'application/json' ? '{"padding":' : '';
    if (!(await writeChunk(res, opening, call))) return;
    if (await writeFiller(res, Math.max(0, bytes - opening.length), unit, call)) res.end();
  }

  private sendError(
    call: UpstreamCall,
    res: ServerResponse,
    status: number,
    kind: SimulatedErrorKind,
    message: string,
    headers: Record<string, string> = {},
  ): void {
    const body = JSON.stringify(this.options.simulator.renderError(kind, status, message));
    this.send(call, res, status, 'application/json', body, headers);
  }

  private send(call: UpstreamCall, res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
    call.status = status;
    call.bytesSent += Buffer.byteLength(body);
    res.writeHead(status, { 'content-type': contentType, ...headers });
    res.end(body);
  }
}

/** How many frames to send before the fault strikes (all of them when there is no such fault). */
function cutPoint(fault: UpstreamFaultSpec | undefined, total: number, stream: boolean): number {
  switch (fault?.type) {
    case 'reset':
    case 'stall':
    case 'truncate':
    case 'malformed-stream':
    case 'stream-error': {
      const after = fault.afterFrames ?? 0;
      return stream ? Math.min(after, total) : after > 0 ? 1 : 0;
    }
    default:
      return total;
  }
}

function halves(body: string): string[] {
  let middle = Math.floor(body.length / 2);
  // Each half is encoded to UTF-8 on its own: half a surrogate pair would arrive as U+FFFD.
  if (isHighSurrogate(body.charCodeAt(middle - 1))) middle += 1;
  return [body.slice(0, middle), body.slice(middle)];
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function modelOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const model = (body as { model?: unknown }).model;
  return typeof model === 'string' && model.length > 0 ? model : undefined;
}
