import type { Usage } from '@fluxcore/message';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Breaker states as exported: 0 closed, 1 half-open, 2 open. */
export const BREAKER_STATE_VALUE = { closed: 0, half_open: 1, open: 2 } as const;

/** Something whose breaker state the metrics can read at scrape time. */
export interface BreakerReading {
  readonly id: string;
  state(): keyof typeof BREAKER_STATE_VALUE;
}

/** One finished client request, as the metrics see it. */
export interface RequestRecord {
  route: string;
  /** Endpoint that answered; `none` when no endpoint did. */
  endpoint: string;
  status: number;
  durationMs: number;
  /** Time spent in the gateway itself, upstream time excluded. */
  overheadMs: number;
  usage?: Usage;
}

/** Endpoint label for failures the gateway answered without an upstream attempt at fault. */
export const NO_ENDPOINT = 'none';

const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const OVERHEAD_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05];

/**
 * The gateway's Prometheus metrics, in a registry of their own (several gateways in one
 * process do not collide). Labels are route templates, endpoint ids, HTTP statuses, error
 * categories and token kinds: all bounded by the config, never a key or a client's model string.
 */
export class GatewayMetrics {
  /** The registry `GET /metrics` renders. */
  readonly registry = new Registry();
  private readonly requests: Counter<'route' | 'endpoint' | 'status'>;
  private readonly failures: Counter<'route' | 'endpoint' | 'category'>;
  private readonly tokens: Counter<'route' | 'endpoint' | 'kind'>;
  private readonly cost: Counter<'route' | 'endpoint'>;
  private readonly duration: Histogram<'route' | 'endpoint'>;
  private readonly firstToken: Histogram<'route' | 'endpoint'>;
  private readonly overhead: Histogram<'route'>;

  constructor(breakers: readonly BreakerReading[]) {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'fluxcore_requests_total',
      help: 'Client requests answered, by route, serving endpoint ("none" if no endpoint served) and HTTP status.',
      labelNames: ['route', 'endpoint', 'status'],
      registers,
    });
    this.failures = new Counter({
      name: 'fluxcore_failures_total',
      help: 'Failures by route, endpoint and error category: each failed upstream attempt under its endpoint, and each error answered to a client under endpoint "none".',
      labelNames: ['route', 'endpoint', 'category'],
      registers,
    });
    this.tokens = new Counter({
      name: 'fluxcore_tokens_total',
      help: 'Tokens by route, endpoint and kind (input, output, cached_input, cache_write, reasoning); estimated when the provider reported none.',
      labelNames: ['route', 'endpoint', 'kind'],
      registers,
    });
    this.cost = new Counter({
      name: 'fluxcore_cost_usd_total',
      help: 'Cost in USD from the endpoint prices, by route and endpoint.',
      labelNames: ['route', 'endpoint'],
      registers,
    });
    this.duration = new Histogram({
      name: 'fluxcore_request_duration_seconds',
      help: 'Client request duration, to the last byte, by route and serving endpoint.',
      labelNames: ['route', 'endpoint'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.firstToken = new Histogram({
      name: 'fluxcore_time_to_first_token_seconds',
      help: 'Streams: time until the first content reached the caller, by route and endpoint.',
      labelNames: ['route', 'endpoint'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.overhead = new Histogram({
      name: 'fluxcore_overhead_seconds',
      help: 'Time spent in the gateway itself (upstream time excluded), by route.',
      labelNames: ['route'],
      buckets: OVERHEAD_BUCKETS,
      registers,
    });
    new Gauge({
      name: 'fluxcore_breaker_state',
      help: 'Circuit breaker state per endpoint: 0 closed, 1 half-open, 2 open.',
      labelNames: ['endpoint'],
      registers,
      collect() {
        for (const breaker of breakers) this.set({ endpoint: breaker.id }, BREAKER_STATE_VALUE[breaker.state()]);
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Count one answered client request, with its latency, tokens and cost. */
  request(record: RequestRecord): void {
    const { route, endpoint, usage } = record;
    this.requests.labels(route, endpoint, String(record.status)).inc();
    this.duration.labels(route, endpoint).observe(record.durationMs / 1000);
    this.overhead.labels(route).observe(Math.max(0, record.overheadMs) / 1000);
    if (usage === undefined) return;
    this.addTokens(route, endpoint, 'input', usage.inputTokens);
    this.addTokens(route, endpoint, 'output', usage.outputTokens);
    this.addTokens(route, endpoint, 'cached_input', usage.cachedInputTokens);
    this.addTokens(route, endpoint, 'cache_write', usage.cacheWriteTokens);
    this.addTokens(route, endpoint, 'reasoning', usage.reasoningTokens);
    if (usage.cost !== undefined && usage.cost > 0) this.cost.labels(route, endpoint).inc(usage.cost);
    if (usage.firstTokenMs !== undefined) this.firstToken.labels(route, endpoint).observe(usage.firstTokenMs / 1000);
  }

  /** Count one failure: a failed upstream attempt, or an error answered to a client (endpoint `none`). */
  failure(route: string, endpoint: string, category: string): void {
    this.failures.labels(route, endpoint, category).inc();
  }

  private addTokens(route: string, endpoint: string, kind: string, count: number | undefined): void {
    if (count !== undefined && count > 0) this.tokens.labels(route, endpoint, kind).inc(count);
  }
}
