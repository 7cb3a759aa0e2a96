import { type Scheduler, type SchedulerState } from '@maestro/domain';

/** Exact-match filters, AND-ed; an absent filter matches everything. */
export interface SchedulerFilter {
  readonly name?: string;
  readonly game?: string;
  /** Matches the active version. */
  readonly version?: string;
}

export interface SchedulerVersionSummary {
  readonly version: string;
  readonly isActive: boolean;
  /** ISO-8601. */
  readonly createdAt: string;
}

/** A scheduler with its room counters (GET /schedulers/info). */
export interface SchedulerInfo {
  readonly name: string;
  readonly game: string;
  readonly state: SchedulerState;
  readonly roomsReplicas: number;
  readonly roomsReady: number;
  readonly roomsOccupied: number;
  readonly roomsPending: number;
  readonly roomsTerminating: number;
  /** Null when the scheduler has no autoscaling block. */
  readonly autoscaling: { readonly enabled: boolean; readonly min: number; readonly max: number } | null;
}

/**
 * The schedulers as projected from their events, for queries. Reads what is committed: the
 * projection is updated in the append's transaction, so a client reads its own writes.
 */
export abstract class SchedulerReadModel {
  /** Active versions matching the filter, by name. */
  abstract list(filter: SchedulerFilter): Promise<Scheduler[]>;

  /** The active version, or the given one (with the scheduler's current state); undefined if absent. */
  abstract find(name: string, version?: string): Promise<Scheduler | undefined>;

  /** Every version, newest first; undefined when there is no such scheduler. */
  abstract versions(name: string): Promise<SchedulerVersionSummary[] | undefined>;

  /** Every scheduler (of the game, if given) with its room counters, by name. */
  abstract info(game?: string): Promise<SchedulerInfo[]>;
}
