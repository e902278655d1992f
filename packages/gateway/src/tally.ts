// prom-client is pinned to exactly 15.1.3 (package.json, no range) because these classes rely on
// its internals, not its typed API: TallyHistogram overrides `getForPromString` (undeclared, called
// by the Registry when present) and returns prom-client's internal line format, and both classes
// need the base constructor to call `reset()`. An upgrade must keep tally.test.ts byte-identical.
import { Counter, Histogram, type CounterConfiguration, type HistogramConfiguration, type LabelValues } from 'prom-client';

/**
 * Metrics that add up in plain numbers on the request path and reach prom-client only when
 * scraped. prom-client's own `inc` and `observe` build a label object, a closure and a label hash
 * on every call, which cost several percent of a request's CPU. The exposition is the one
 * prom-client gives for the same values (tally.test.ts compares them byte for byte).
 *
 * Every series is named by a key its caller builds from the label values (they must map one to
 * one), and its labels object is built once, with the labels in `labelNames` order.
 */

/** A prom-client Counter whose increments are summed here and handed to it at scrape time. */
export class TallyCounter<T extends string> extends Counter<T> {
  private readonly totals: Map<string, { labels: LabelValues<T>; value: number }>;

  constructor(config: CounterConfiguration<T>) {
    const totals = new Map<string, { labels: LabelValues<T>; value: number }>();
    super({
      ...config,
      collect() {
        // prom-client's own reset: the totals stay, and are handed over whole again.
        Counter.prototype.reset.call(this);
        for (const { labels, value } of totals.values()) this.inc(labels, value);
      },
    });
    this.totals = totals;
  }

  override reset(): void {
    // prom-client's constructor calls reset() before this class's fields exist.
    (this.totals as Map<string, unknown> | undefined)?.clear();
    super.reset();
  }

  /** Add `value` (default 1) to the series `key`; `labels` is called the first time only. */
  add(key: string, labels: () => LabelValues<T>, value = 1): void {
    const total = this.totals.get(key);
    if (total === undefined) this.totals.set(key, { labels: labels(), value });
    else total.value += value;
  }
}

/** Bucket counts, sum and count of one histogram series. */
interface Series<T extends string> {
  labels: LabelValues<T>;
  /** Observations per bucket, not cumulative; past the last bound they only count in `count`. */
  buckets: number[];
  sum: number;
  count: number;
}

/** One line of prom-client's histogram exposition (what its `getForPromString` returns). */
interface ExportedValue {
  labels: Record<string, string | number>;
  sharedLabels: Record<string, string | number>;
  value: number;
  metricName: string;
  exemplar: null | undefined;
}

/** A prom-client Histogram whose observations (through `record`, not `observe`) are counted here and rendered at scrape time. */
export class TallyHistogram<T extends string> extends Histogram<T> {
  private readonly series = new Map<string, Series<T>>();
  private readonly bounds: readonly number[];

  constructor(config: HistogramConfiguration<T> & { buckets: number[] }) {
    super(config);
    this.bounds = [...config.buckets];
  }

  /** Count one observation in the series `key`; `labels` is called the first time only. */
  record(key: string, labels: () => LabelValues<T>, value: number): void {
    let series = this.series.get(key);
    if (series === undefined) {
      series = { labels: labels(), buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    for (let i = 0; i < this.bounds.length; i++) {
      if (value <= this.bounds[i]!) {
        series.buckets[i]! += 1;
        break;
      }
    }
    series.sum += value;
    series.count += 1;
  }

  override reset(): void {
    // prom-client's constructor calls reset() before this class's fields exist.
    (this.series as Map<string, Series<T>> | undefined)?.clear();
    super.reset();
  }

  /** What the registry renders: prom-client's histogram lines, from the tallies. */
  async getForPromString(): Promise<{ name: string; help: string; type: string; values: ExportedValue[]; aggregator: string }> {
    const { name, help, type, aggregator } = this as unknown as { name: string; help: string; type: string; aggregator: string };
    const values: ExportedValue[] = [];
    for (const { labels, buckets, sum, count } of this.series.values()) {
      const shared = labels as Record<string, string | number>;
      let cumulative = 0;
      this.bounds.forEach((bound, i) => {
        cumulative += buckets[i]!;
        values.push({ labels: { le: bound }, sharedLabels: shared, value: cumulative, metricName: `${name}_bucket`, exemplar: null });
      });
      values.push({ labels: { le: '+Inf' }, sharedLabels: shared, value: count, metricName: `${name}_bucket`, exemplar: null });
      values.push({ labels: {}, sharedLabels: shared, value: sum, metricName: `${name}_sum`, exemplar: undefined });
      values.push({ labels: {}, sharedLabels: shared, value: count, metricName: `${name}_count`, exemplar: undefined });
    }
    return { name, help, type, values, aggregator };
  }
}
