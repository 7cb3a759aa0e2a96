import {
  InvalidSchedulerError,
  SchedulerAlreadyExistsError,
  type Scheduler,
  type SchedulerDefinition,
  type SchedulerEvent,
  decideScheduler,
  evolveScheduler,
  initialSchedulerStreamState,
  schedulerStreamId,
} from '@maestro/domain';
import { VersionConflictError } from '../errors/application-error';
import { type Clock } from '../ports/clock.port';
import { type EventStore } from '../ports/event-store.port';
import { type Randomness } from '../ports/randomness.port';
import { SchedulerError } from './scheduler-errors';
import { toNewSchedulerEvent, toSchedulerEvent } from './scheduler-event.mapper';

export interface CreateSchedulerHandlerOptions {
  /** Who appends (`ce_source` of the published events), e.g. `maestro/management-api`. */
  readonly source: string;
}

/**
 * POST /schedulers: decides `CreateScheduler` against the scheduler's stream and appends the
 * outcome. The stream must still be empty when the append lands (expected version 0), so two
 * concurrent creations of one name cannot both succeed: the loser gets "name already exists".
 */
export class CreateSchedulerHandler {
  constructor(
    private readonly eventStore: EventStore,
    private readonly clock: Clock,
    private readonly randomness: Randomness,
    private readonly options: CreateSchedulerHandlerOptions,
  ) {}

  async handle(definition: SchedulerDefinition): Promise<Scheduler> {
    const streamId = schedulerStreamId(definition.name);
    const history = await this.eventStore.readStream(streamId);
    const state = history
      .map((event) => toSchedulerEvent(event.type, event.schemaVersion, event.data))
      .filter((event): event is SchedulerEvent => event !== undefined)
      .reduce(evolveScheduler, initialSchedulerStreamState);

    const events = this.decide(definition, state);
    try {
      await this.eventStore.append(
        streamId,
        0,
        events.map((event) => toNewSchedulerEvent(event, this.randomness.uuid(), this.options.source)),
      );
    } catch (error) {
      if (error instanceof VersionConflictError) throw alreadyExists(definition.name);
      throw error;
    }
    const [created] = events;
    if (!created) throw new Error('CreateScheduler decided no SchedulerCreated');
    return created.data;
  }

  private decide(
    definition: SchedulerDefinition,
    state: Parameters<typeof decideScheduler>[1],
  ): SchedulerEvent[] {
    try {
      return decideScheduler(
        { kind: 'CreateScheduler', definition, at: this.clock.now().toISOString() },
        state,
      );
    } catch (error) {
      if (error instanceof InvalidSchedulerError) throw new SchedulerError('SchedulerInvalid', error.message);
      if (error instanceof SchedulerAlreadyExistsError) throw alreadyExists(definition.name);
      throw error;
    }
  }
}

function alreadyExists(name: string): SchedulerError {
  return new SchedulerError('SchedulerAlreadyExists', new SchedulerAlreadyExistsError(name).message);
}
