import {
  InvalidSchedulerError,
  SchedulerAlreadyExistsError,
  type Scheduler,
  type SchedulerDefinition,
} from '@maestro/domain';
import { type OperationQueueService } from '../operations/operation-queue.service';
import { type Clock } from '../ports/clock.port';
import { SchedulerError } from './scheduler-errors';
import { toSchedulerDocument } from './scheduler-event.mapper';
import { type SchedulerStore } from './scheduler-store.service';

/**
 * POST /schedulers: decides `CreateScheduler` against the scheduler's stream and appends the
 * outcome only if the stream did not change since it was read, so two concurrent creations of one
 * name cannot both succeed. Then queues `create_scheduler`, which the worker runs to prepare the
 * runtime and turn the scheduler `in-sync`.
 */
export class CreateSchedulerHandler {
  constructor(
    private readonly schedulers: SchedulerStore,
    private readonly operations: OperationQueueService,
    private readonly clock: Clock,
  ) {}

  async handle(definition: SchedulerDefinition): Promise<Scheduler> {
    let created: Scheduler | undefined;
    try {
      const { events } = await this.schedulers.execute(definition.name, {
        kind: 'CreateScheduler',
        definition,
        at: this.clock.now().toISOString(),
      });
      const [event] = events;
      if (event?.type === 'SchedulerCreated') created = event.data;
    } catch (error) {
      if (error instanceof InvalidSchedulerError) throw new SchedulerError('SchedulerInvalid', error.message);
      if (error instanceof SchedulerAlreadyExistsError) {
        throw new SchedulerError('SchedulerAlreadyExists', error.message);
      }
      throw error;
    }
    if (!created) throw new Error('CreateScheduler decided no SchedulerCreated');
    await this.operations.enqueue(created.name, 'create_scheduler', {
      scheduler: toSchedulerDocument(created),
    });
    return created;
  }
}
