import { FleetMetrics, type FleetSnapshot } from '@maestro/application';
import { type MetricsRegistry } from '@maestro/observability';
import { Gauge, Histogram } from 'prom-client';

const statuses = [
  'pending',
  'unready',
  'ready',
  'active',
  'occupied',
  'allocated',
  'terminating',
  'error',
] as const;
const latencyBuckets = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** Per-scheduler fleet gauges and decision/reconcile latency histograms on the worker's registry. */
export class PrometheusFleetMetrics extends FleetMetrics {
  private readonly rooms: Gauge<'scheduler' | 'status'>;
  private readonly desired: Gauge<'scheduler'>;
  private readonly current: Gauge<'scheduler'>;
  private readonly runningMatches: Gauge<'scheduler'>;
  private readonly decision: Histogram<'scheduler'>;
  private readonly reconcile: Histogram<'scheduler'>;

  constructor(metrics: MetricsRegistry) {
    super();
    const registers = [metrics.registry];
    this.rooms = new Gauge({
      name: 'maestro_rooms',
      help: 'Rooms of a scheduler by status (validation rooms excluded)',
      labelNames: ['scheduler', 'status'],
      registers,
    });
    this.desired = new Gauge({
      name: 'maestro_desired_rooms',
      help: 'Rooms the worker works towards for a scheduler (autoscaling, clamps and cooldown applied)',
      labelNames: ['scheduler'],
      registers,
    });
    this.current = new Gauge({
      name: 'maestro_current_rooms',
      help: 'Rooms of a scheduler neither terminating nor in error',
      labelNames: ['scheduler'],
      registers,
    });
    this.runningMatches = new Gauge({
      name: 'maestro_running_matches',
      help: "Matches being played in a scheduler's rooms (an allocated room counts one)",
      labelNames: ['scheduler'],
      registers,
    });
    this.decision = new Histogram({
      name: 'maestro_scaling_decision_duration_seconds',
      help: "Time to decide a scheduler's desired room count",
      labelNames: ['scheduler'],
      buckets: latencyBuckets,
      registers,
    });
    this.reconcile = new Histogram({
      name: 'maestro_reconcile_duration_seconds',
      help: 'Time of one reconcile of a scheduler (decision, removals, creations)',
      labelNames: ['scheduler'],
      buckets: latencyBuckets,
      registers,
    });
  }

  recordSnapshot(scheduler: string, snapshot: FleetSnapshot): void {
    for (const status of statuses) this.rooms.set({ scheduler, status }, snapshot.counts[status]);
    this.desired.set({ scheduler }, snapshot.desired);
    this.current.set({ scheduler }, snapshot.current);
    this.runningMatches.set({ scheduler }, snapshot.counts.runningMatches);
  }

  recordDecision(scheduler: string, seconds: number): void {
    this.decision.observe({ scheduler }, seconds);
  }

  recordReconcile(scheduler: string, seconds: number): void {
    this.reconcile.observe({ scheduler }, seconds);
  }

  forget(scheduler: string): void {
    for (const metric of [
      this.rooms,
      this.desired,
      this.current,
      this.runningMatches,
      this.decision,
      this.reconcile,
    ]) {
      metric.remove({ scheduler });
    }
    for (const status of statuses) this.rooms.remove({ scheduler, status });
  }
}
