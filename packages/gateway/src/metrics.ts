import type { Usage } from '@fluxcore/message';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { TallyCounter, TallyHistogram } from './tally.js';

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
  private readonly requests: TallyCounter<'route' | 'endpoint' | 'status'>;
  private readonly failures: TallyCounter<'route' | 'endpoint' | 'category'>;
  private readonly tokens: TallyCounter<'route' | 'endpoint' | 'kind'>;
  private readonly cost: TallyCounter<'route' | 'endpoint'>;
  private readonly duration: TallyHistogram<'route' | 'endpoint'>;
  private readonly firstToken: TallyHistogram<'route' | 'endpoint'>;
  private readonly overhead: TallyHistogram<'route'>;

  constructor(breakers: readonly BreakerReading[]) {
    const registers = [this.registry];
    this.requests = new TallyCounter({
      name: 'fluxcore_requests_total',
      help: 'Client requests answered, by route, serving endpoint ("none" if no endpoint served) and HTTP status.',
      labelNames: ['route', 'endpoint', 'status'],
      registers,
    });
    this.failures = new TallyCounter({
      name: 'fluxcore_failures_total',
      help: 'Failures by route, endpoint and error category: each failed upstream attempt under its endpoint, and each error answered to a client under endpoint "none".',
      labelNames: ['route', 'endpoint', 'category'],
      registers,
    });
    this.tokens = new TallyCounter({
      name: 'fluxcore_tokens_total',
      help: 'Tokens by route, endpoint and kind (input, output, cached_input, cache_write, reasoning); estimated when the provider reported none.',
      labelNames: ['route', 'endpoint', 'kind'],
      registers,
    });
    this.cost = new TallyCounter({
      name: 'fluxcore_cost_usd_total',
      help: 'Cost in USD from the endpoint prices, by route and endpoint.',
      labelNames: ['route', 'endpoint'],
      registers,
    });
    this.duration = new TallyHistogram({
      name: 'fluxcore_request_duration_seconds',
      help: 'Client request duration, to the last byte, by route and serving endpoint.',
      labelNames: ['route', 'endpoint'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.firstToken = new TallyHistogram({
      name: 'fluxcore_time_to_first_token_seconds',
      help: 'Streams: time until the first content reached the caller, by route and endpoint.',
      labelNames: ['route', 'endpoint'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.overhead = new TallyHistogram({
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
    const series = `${route}\u0000${endpoint}`;
    const status = String(record.status);
    this.requests.add(`${series}\u0000${status}`, () => ({ route, endpoint, status }));
    this.duration.record(series, () => ({ route, endpoint }), record.durationMs / 1000);
    this.overhead.record(route, () => ({ route }), Math.max(0, record.overheadMs) / 1000);
    if (usage === undefined) return;
    this.addTokens(route, endpoint, series, 'input', usage.inputTokens);
    this.addTokens(route, endpoint, series, 'output', usage.outputTokens);
    this.addTokens(route, endpoint, series, 'cached_input', usage.cachedInputTokens);
    this.addTokens(route, endpoint, series, 'cache_write', usage.cacheWriteTokens);
    this.addTokens(route, endpoint, series, 'reasoning', usage.reasoningTokens);
    if (usage.cost !== undefined && usage.cost > 0) this.cost.add(series, () => ({ route, endpoint }), usage.cost);
    if (usage.firstTokenMs !== undefined) this.firstToken.record(series, () => ({ route, endpoint }), usage.firstTokenMs / 1000);
  }

  /** Count one failure: a failed upstream attempt, or an error answered to a client (endpoint `none`). */
  failure(route: string, endpoint: string, category: string): void {
    this.failures.add(`${route}\u0000${endpoint}\u0000${category}`, () => ({ route, endpoint, category }));
  }

  /** @param series the `route` and `endpoint` labels as a tally key */
  private addTokens(route: string, endpoint: string, series: string, kind: string, count: number | undefined): void {
    if (count !== undefined && count > 0) this.tokens.add(`${series}\u0000${kind}`, () => ({ route, endpoint, kind }), count);
  }
}
