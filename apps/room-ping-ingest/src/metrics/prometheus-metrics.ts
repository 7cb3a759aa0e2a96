import { type MetricsRegistry } from '@maestro/observability';

/*
 * Two small metric types that the service's prom-client registry renders like its own.
 *
 * Why not prom-client's Counter and Histogram: prom-client is a dependency of libs/observability,
 * not of this app, and adding it here needs a lockfile change (pnpm install) outside this app's
 * reach. These cover what the ping path needs, and are cheaper on it than prom-client's labelled
 * children: the label values are known up front, so counting is one array write. Swap them for
 * prom-client's types once the app depends on it (or observability offers factories).
 */

interface MetricValue {
  readonly value: number;
  readonly labels: Record<string, string | number>;
  readonly metricName?: string;
}

interface MetricSnapshot {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'histogram';
  readonly values: MetricValue[];
  readonly aggregator: 'sum';
}

abstract class RegistryMetric {
  abstract readonly name: string;
  abstract readonly help: string;
  abstract readonly type: 'counter' | 'histogram';
  readonly aggregator = 'sum';

  /** Adds the metric to the service's registry, so `/metrics` renders it. */
  registerOn(metrics: MetricsRegistry): this {
    // The registry only reads name, help, type, aggregator, get() and reset(), which this provides;
    // its parameter type names prom-client's own classes.
    metrics.registry.registerMetric(
      this as unknown as Parameters<MetricsRegistry['registry']['registerMetric']>[0],
    );
    return this;
  }

  abstract get(): MetricSnapshot;
  abstract reset(): void;
}

/** A counter with a single label whose values are all known when it is created. */
export class FixedLabelCounter<TValue extends string> extends RegistryMetric {
  readonly type = 'counter';
  private readonly counts: number[];
  private readonly indexOf: ReadonlyMap<TValue, number>;

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelName: string,
    private readonly labelValues: readonly TValue[],
  ) {
    super();
    this.counts = labelValues.map(() => 0);
    this.indexOf = new Map(labelValues.map((value, index) => [value, index]));
  }

  inc(labelValue: TValue): void {
    const index = this.indexOf.get(labelValue);
    if (index !== undefined) this.counts[index] = (this.counts[index] ?? 0) + 1;
  }

  value(labelValue: TValue): number {
    const index = this.indexOf.get(labelValue);
    return index === undefined ? 0 : (this.counts[index] ?? 0);
  }

  get(): MetricSnapshot {
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values: this.labelValues.map((labelValue, index) => ({
        value: this.counts[index] ?? 0,
        labels: { [this.labelName]: labelValue },
      })),
    };
  }

  reset(): void {
    this.counts.fill(0);
  }
}

/** A histogram without labels: cumulative buckets, sum and count, as Prometheus expects. */
export class UnlabelledHistogram extends RegistryMetric {
  readonly type = 'histogram';
  private readonly bucketCounts: number[];
  private sum = 0;
  private count = 0;

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly upperBounds: readonly number[],
  ) {
    super();
    this.bucketCounts = upperBounds.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count++;
    const index = this.upperBounds.findIndex((bound) => value <= bound);
    if (index !== -1) this.bucketCounts[index] = (this.bucketCounts[index] ?? 0) + 1;
  }

  get(): MetricSnapshot {
    let cumulative = 0;
    const buckets = this.upperBounds.map((bound, index) => {
      cumulative += this.bucketCounts[index] ?? 0;
      return { metricName: `${this.name}_bucket`, labels: { le: bound }, value: cumulative };
    });
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values: [
        ...buckets,
        { metricName: `${this.name}_bucket`, labels: { le: '+Inf' }, value: this.count },
        { metricName: `${this.name}_sum`, labels: {}, value: this.sum },
        { metricName: `${this.name}_count`, labels: {}, value: this.count },
      ],
    };
  }

  reset(): void {
    this.bucketCounts.fill(0);
    this.sum = 0;
    this.count = 0;
  }
}
