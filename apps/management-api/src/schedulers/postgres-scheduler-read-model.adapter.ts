import {
  parseSchedulerDocument,
  schedulerFromDocument,
  type SchedulerFilter,
  type SchedulerInfo,
  SchedulerReadModel,
  type SchedulerVersionSummary,
} from '@maestro/application';
import { type Scheduler, type SchedulerState } from '@maestro/domain';
import { type SchedulerReadModelQueries, type SchedulerRow } from '@maestro/persistence';

const schedulerStates: readonly SchedulerState[] = ['creating', 'in-sync', 'on-error', 'terminating'];

/** The `SchedulerReadModel` port on the Postgres tables `schedulers`, `scheduler_versions`, `rooms`. */
export class PostgresSchedulerReadModel extends SchedulerReadModel {
  constructor(private readonly queries: SchedulerReadModelQueries) {
    super();
  }

  async list(filter: SchedulerFilter): Promise<Scheduler[]> {
    return (await this.queries.list(filter)).map(toScheduler);
  }

  async find(name: string, version?: string): Promise<Scheduler | undefined> {
    const row = await this.queries.find(name, version);
    return row && toScheduler(row);
  }

  async versions(name: string): Promise<SchedulerVersionSummary[] | undefined> {
    const rows = await this.queries.versions(name);
    return rows?.map((row) => ({
      version: row.version,
      isActive: row.isActive,
      createdAt: row.createdAt.toISOString(),
    }));
  }

  async info(game?: string): Promise<SchedulerInfo[]> {
    return (await this.queries.info(game)).map((row) => {
      const { name, game: schedulerGame, state, roomsReplicas, autoscaling } = toScheduler(row);
      return {
        name,
        game: schedulerGame,
        state,
        roomsReplicas,
        roomsReady: row.roomsReady,
        roomsOccupied: row.roomsOccupied,
        roomsPending: row.roomsPending,
        roomsTerminating: row.roomsTerminating,
        autoscaling: autoscaling
          ? { enabled: autoscaling.enabled, min: autoscaling.min, max: autoscaling.max }
          : null,
      };
    });
  }
}

function toScheduler(row: SchedulerRow): Scheduler {
  const state = schedulerStates.find((known) => known === row.state);
  if (!state) throw new TypeError(`scheduler ${row.name} has an unknown state: ${row.state}`);
  return schedulerFromDocument(parseSchedulerDocument(row.document), state);
}
