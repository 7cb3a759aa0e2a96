import {
  applySchedulerPatch,
  buildScheduler,
  definitionFromScheduler,
  isEmptyPatch,
  type Scheduler,
  type SchedulerDefinition,
  type SchedulerPatch,
  validateSchedulerDefinition,
} from '@maestro/domain';
import { type OperationQueueService } from '../operations/operation-queue.service';
import { type Clock } from '../ports/clock.port';
import { SchedulerError } from './scheduler-errors';
import { toSchedulerDocument } from './scheduler-event.mapper';
import { type SchedulerStore } from './scheduler-store.service';

const refusal = 'cannot create new scheduler version';

/**
 * POST and PATCH /schedulers/{name}: checks the new version now (400 on an invalid one, 404 on an
 * unknown scheduler, 400 while another version operation is pending or running) and queues
 * `create_new_scheduler_version`; the worker numbers it, validates a major one with a room, and
 * switches to it.
 */
export class NewSchedulerVersionHandler {
  constructor(
    private readonly schedulers: SchedulerStore,
    private readonly operations: OperationQueueService,
    private readonly clock: Clock,
  ) {}

  /** A whole new version (POST); the path's name wins over the body's. */
  async replace(definition: SchedulerDefinition): Promise<string> {
    const validation = validateSchedulerDefinition(definition);
    if (!validation.valid) throw new SchedulerError('SchedulerInvalid', validation.message);
    const active = await this.active(definition.name);
    return this.enqueue(buildScheduler(definition, this.now()), active);
  }

  /** The active version with a patch applied (PATCH, reference §2.3 #5 merge rules). */
  async patch(schedulerName: string, patch: SchedulerPatch): Promise<string> {
    const active = await this.active(schedulerName);
    if (isEmptyPatch(patch)) {
      throw new SchedulerError('NoChange', `no change found to scheduler ${schedulerName}`);
    }
    const definition = applySchedulerPatch(definitionFromScheduler(active), patch);
    const validation = validateSchedulerDefinition(definition);
    if (!validation.valid) {
      throw new SchedulerError('SchedulerInvalid', `invalid patched scheduler: ${validation.message}`);
    }
    return this.enqueue(buildScheduler(definition, this.now()), active);
  }

  private async active(schedulerName: string): Promise<Scheduler> {
    const state = await this.schedulers.load(schedulerName);
    if (!state.exists) throw SchedulerError.notFound(schedulerName);
    return state.scheduler;
  }

  /** The candidate carries the active version number until the worker gives it its own. */
  private enqueue(candidate: Scheduler, active: Scheduler): Promise<string> {
    const scheduler = { ...candidate, spec: { ...candidate.spec, version: active.spec.version } };
    return this.operations.enqueue(
      active.name,
      'create_new_scheduler_version',
      { scheduler: toSchedulerDocument(scheduler) },
      refusal,
    );
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
