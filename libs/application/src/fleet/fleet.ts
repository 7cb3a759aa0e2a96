import { type GameRoom, type Scheduler } from '@maestro/domain';
import { type ScalingMemory } from './scaling-log';

/** One scheduler's rooms as the worker keeps them in memory, next to the scheduler they belong to. */
export interface Fleet {
  scheduler: Scheduler;
  readonly rooms: Map<string, GameRoom>;
  /** Rooms whose instance the runtime has reported at least once. */
  readonly instancesSeen: Set<string>;
  /** The spec each validation room runs (a version that is not active yet), by room id. */
  readonly validationSpecs: Map<string, Scheduler>;
  /** The last target and downscale, restored from the scaling log on the first reconcile. */
  scaling?: ScalingMemory;
  /** The runtime has what the scheduler needs (its namespace). */
  runtimeReady: boolean;
}

/** Statuses of rooms that count towards the desired number of rooms. */
export function isLive(room: GameRoom): boolean {
  return room.status !== 'terminating' && room.status !== 'terminated' && room.status !== 'error';
}
