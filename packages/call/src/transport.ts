import { FluxError } from '@fluxcore/errors';
import type { UpstreamRequest } from '@fluxcore/message';
import type { EventEmitter } from 'node:events';
import { Agent, EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';
import { publicOnlyConnector } from './egress.js';
import type { ResolvedSettings } from './options.js';

/** An upstream answer whose headers have arrived; the body is still on the wire. */
export interface UpstreamResponse {
  status: number;
  /** Response headers, lower-case names, repeated values joined with ", ". */
  headers: Record<string, string>;
  /** The body as a stream (read it, or destroy it to release the connection). */
  body: Dispatcher.ResponseData['body'];
}

/**
 * Agents one pool keeps at once. A connect timeout belongs to an Agent's connector, so each
 * distinct `connectMs` needs its own; a caller cycling through more values than this closes the
 * least recently used one instead of growing the pool's connections without bound.
 */
export const MAX_AGENTS = 4;

/** Most parsed upstream URLs a transport keeps; past that it starts over. */
const MAX_TARGETS = 64;

/** Where undici sends a request: the URL split into its origin and its path with the query. */
interface UpstreamTarget {
  origin: string;
  path: string;
}

/**
 * HTTP for one pool: keep-alive undici Agents, one per connect timeout in use (at most
 * {@link MAX_AGENTS}). Bodies go out as bytes, redirects are never followed, and the deadlines
 * are fluxcore's own timers, so undici's header and body timeouts are off.
 */
export class Transport {
  private readonly agents = new Map<number, Dispatcher>();
  private readonly targets = new Map<string, UpstreamTarget>();

  constructor(private readonly settings: ResolvedSettings) {}

  /** Send a request; aborting `signal` (an AbortSignal, or an EventEmitter with `aborted` and `reason` as undici takes) drops it. */
  async send(request: UpstreamRequest, connectTimeoutMs: number, signal: AbortSignal | EventEmitter): Promise<UpstreamResponse> {
    const { origin, path } = this.target(request.url);
    const answer = await this.agentFor(connectTimeoutMs).request({
      origin,
      path,
      method: request.method,
      headers: request.headers,
      body: Buffer.from(request.body, 'utf8'),
      signal,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    return { status: answer.statusCode, headers: flattenHeaders(answer.headers), body: answer.body };
  }

  /** Origin and path of an upstream URL; adapters build the same few URLs over and over, so each is parsed once. */
  private target(url: string): UpstreamTarget {
    let target = this.targets.get(url);
    if (target === undefined) {
      const parsed = parseUrl(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      if (this.targets.size >= MAX_TARGETS) this.targets.clear();
      this.targets.set(url, target);
    }
    return target;
  }

  /** Close connections once the calls in flight on them are done. */
  async close(): Promise<void> {
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map((agent) => agent.close()));
  }

  /** Close every connection at once; calls still in flight fail. */
  async destroy(): Promise<void> {
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map((agent) => agent.destroy()));
  }

  /** The Agent for this connect timeout; the map keeps the most recently used last. */
  private agentFor(connectTimeoutMs: number): Dispatcher {
    const known = this.agents.get(connectTimeoutMs);
    if (known !== undefined) {
      if (this.agents.size > 1) {
        this.agents.delete(connectTimeoutMs);
        this.agents.set(connectTimeoutMs, known);
      }
      return known;
    }
    const agent = this.createAgent(connectTimeoutMs);
    this.agents.set(connectTimeoutMs, agent);
    if (this.agents.size > MAX_AGENTS) this.evictLeastRecentlyUsed();
    return agent;
  }

  /**
   * A direct Agent (behind the egress guard when the pool asks for it), or a proxying one. Through
   * a proxy the connect timeout covers reaching the proxy and the TLS handshake with the upstream.
   */
  private createAgent(connectTimeoutMs: number): Dispatcher {
    const connections = this.settings.connectionsPerOrigin ?? null;
    const { proxy } = this.settings;
    if (proxy === undefined) {
      return new Agent({
        connections,
        connect: this.settings.egress === 'public-only' ? publicOnlyConnector(connectTimeoutMs) : { timeout: connectTimeoutMs },
      });
    }
    const timeout = { timeout: connectTimeoutMs };
    const options = { connections, connect: timeout, proxyTls: timeout, requestTls: timeout };
    return proxy === 'env' ? new EnvHttpProxyAgent(options) : new ProxyAgent({ ...options, uri: proxy });
  }

  /** Calls in flight on the evicted Agent finish; its idle connections close now. */
  private evictLeastRecentlyUsed(): void {
    for (const [timeout, agent] of this.agents) {
      this.agents.delete(timeout);
      agent.close().catch(() => undefined);
      return;
    }
  }
}

function parseUrl(raw: string): URL {
  try {
    return new URL(raw);
  } catch (cause) {
    throw new FluxError({ category: 'network', message: `the adapter built an invalid upstream URL`, cause });
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
