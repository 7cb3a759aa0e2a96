import { type RoomCounts } from '@maestro/domain';

/** What the fleet reports of each scheduler after a reconcile (the worker exports it to Prometheus). */
export interface FleetSnapshot {
  readonly counts: RoomCounts;
  /** Rooms the fleet works towards. */
  readonly desired: number;
  /** Rooms neither terminating nor in error. */
  readonly current: number;
}

export abstract class FleetMetrics {
  abstract recordSnapshot(schedulerName: string, snapshot: FleetSnapshot): void;
  /** Time to compute the desired count (the decision alone). */
  abstract recordDecision(schedulerName: string, seconds: number): void;
  /** Time of a whole reconcile: decision, removals and creations. */
  abstract recordReconcile(schedulerName: string, seconds: number): void;
  /** The scheduler is gone: drop its series. */
  abstract forget(schedulerName: string): void;
}

/** For tests and compositions without metrics. */
export class NoFleetMetrics extends FleetMetrics {
  recordSnapshot(): void {
    // Nothing is exported without a metrics backend.
  }

  recordDecision(): void {
    // Nothing is exported without a metrics backend.
  }

  recordReconcile(): void {
    // Nothing is exported without a metrics backend.
  }

  forget(): void {
    // Nothing is exported without a metrics backend.
  }
}
