import { type Scheduler } from '@maestro/domain';
import { SchedulerError } from './scheduler-errors';
import {
  type SchedulerFilter,
  type SchedulerInfo,
  type SchedulerReadModel,
  type SchedulerVersionSummary,
} from './scheduler-read-model.port';

/** The scheduler queries of the management API, with Maestro's not-found semantics. */
export class SchedulerQueries {
  constructor(private readonly readModel: SchedulerReadModel) {}

  /** An unmatched filter is an empty list, not an error. */
  list(filter: SchedulerFilter): Promise<Scheduler[]> {
    return this.readModel.list(filter);
  }

  /** The active version, or `version`; an unknown scheduler or version is `SchedulerNotFound`. */
  async get(name: string, version?: string): Promise<Scheduler> {
    const scheduler = await this.readModel.find(name, version);
    if (!scheduler) throw SchedulerError.notFound(name);
    return scheduler;
  }

  async versions(name: string): Promise<SchedulerVersionSummary[]> {
    const versions = await this.readModel.versions(name);
    if (!versions) throw SchedulerError.notFound(name);
    return versions;
  }

  /** An unknown game is an empty list. */
  info(game?: string): Promise<SchedulerInfo[]> {
    return this.readModel.info(game);
  }
}
