import { type OperationQueueService } from '../operations/operation-queue.service';
import { SchedulerError } from './scheduler-errors';
import { type SchedulerStore } from './scheduler-store.service';

/**
 * PUT /schedulers/{name} `{"version": …}`: queues `switch_active_version`, the rollback to any
 * earlier version. Unlike Maestro, an unknown scheduler or version is refused now (404) instead of
 * queueing an operation that can only fail, and an empty version is a 400 (docs/compatibility.md).
 */
export class SwitchActiveVersionHandler {
  constructor(
    private readonly schedulers: SchedulerStore,
    private readonly operations: OperationQueueService,
  ) {}

  async handle(schedulerName: string, version: string): Promise<string> {
    if (version === '') throw new SchedulerError('SchedulerInvalid', 'version is required');
    const state = await this.schedulers.load(schedulerName);
    if (!state.exists) throw SchedulerError.notFound(schedulerName);
    if (!state.versions.some((stored) => stored.spec.version === version)) {
      throw new SchedulerError('SchedulerNotFound', `scheduler ${schedulerName} has no version ${version}`);
    }
    return this.operations.enqueue(
      schedulerName,
      'switch_active_version',
      { newActiveVersion: version },
      'cannot switch active version',
    );
  }
}
