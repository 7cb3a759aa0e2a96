import { type OperationQueueService } from '../operations/operation-queue.service';
import { SchedulerError } from './scheduler-errors';
import { type SchedulerStore } from './scheduler-store.service';

/** DELETE /schedulers/{name}: queues `delete_scheduler` (rooms, runtime, then the scheduler). */
export class DeleteSchedulerHandler {
  constructor(
    private readonly schedulers: SchedulerStore,
    private readonly operations: OperationQueueService,
  ) {}

  async handle(schedulerName: string): Promise<string> {
    const state = await this.schedulers.load(schedulerName);
    if (!state.exists) {
      throw new SchedulerError(
        'SchedulerNotFound',
        `no scheduler found, can not delete nonexistent scheduler: ${schedulerName}`,
      );
    }
    return this.operations.enqueue(schedulerName, 'delete_scheduler', {});
  }
}
