import {
  isMajorChange,
  planSchedulerVersion,
  type Scheduler,
  type RoomStatus,
  withVersion,
} from '@maestro/domain';
import { type Clock } from '../../ports/clock.port';
import { parseSchedulerDocument, schedulerFromDocument } from '../../scheduler/scheduler-event.mapper';
import { type SchedulerStore } from '../../scheduler/scheduler-store.service';
import {
  abortReason,
  type ExecutionContext,
  type ExecutionOutcome,
  type FleetOperations,
  type OperationExecutor,
  pause,
} from './operation-executor';

export interface ValidationSettings {
  /** Attempts with a fresh room each (Maestro: 3). */
  readonly attempts: number;
  /** How long a validation room has to become ready (Maestro: 120 s). */
  readonly timeoutMs: number;
  /** Also accept `occupied` as proof the room works. */
  readonly acceptOccupied: boolean;
  readonly pollIntervalMs: number;
}

/** The attempt's outcome once the room answered, or the deadline passed. */
type AttemptOutcome =
  | { readonly kind: 'ready' }
  | { readonly kind: 'error'; readonly description: string }
  | { readonly kind: 'timeout' };

/**
 * `create_new_scheduler_version` (reference §6): numbers the version (major or minor against the
 * active one), makes a major one prove itself with a validation room, stores it and queues the
 * switch to it. When validation fails nothing is stored and the active version stays.
 */
export class NewSchedulerVersionExecutor implements OperationExecutor {
  readonly definitionName = 'create_new_scheduler_version' as const;

  constructor(
    private readonly schedulers: SchedulerStore,
    private readonly fleet: FleetOperations,
    private readonly clock: Clock,
    private readonly validation: ValidationSettings,
  ) {}

  async execute(context: ExecutionContext): Promise<ExecutionOutcome> {
    const { operation } = context;
    const candidate = schedulerFromDocument(parseSchedulerDocument(operation.input.scheduler), 'creating');
    const state = await this.schedulers.load(operation.schedulerName);
    if (!state.exists) throw new Error(`scheduler ${operation.schedulerName} not found`);
    const plan = planSchedulerVersion(
      state.versions,
      state.scheduler,
      isMajorChange(state.scheduler, candidate),
    );
    const numbered = withVersion(candidate, plan.version);
    await this.changeState(operation.schedulerName, 'creating');

    if (plan.isMajor) {
      await context.record('Major version detected, starting game room validation process...');
      await this.validate(numbered, context);
    }
    await this.schedulers.execute(operation.schedulerName, {
      kind: 'AddSchedulerVersion',
      scheduler: numbered,
      isMajor: plan.isMajor,
      at: this.now(),
    });
    return {
      followUp: {
        definitionName: 'switch_active_version',
        input: { newActiveVersion: numbered.spec.version },
        describe: (id) => `enqueued switch active version operation with id: ${id}`,
      },
    };
  }

  /** Nothing was stored; the scheduler goes back to `in-sync` on its active version. */
  async rollback({ operation }: ExecutionContext): Promise<void> {
    await this.changeState(operation.schedulerName, 'in-sync');
  }

  private async validate(candidate: Scheduler, context: ExecutionContext): Promise<void> {
    for (let attempt = 1; attempt <= this.validation.attempts; attempt++) {
      const roomId = await this.fleet.createValidationRoom(candidate);
      let outcome: AttemptOutcome;
      try {
        outcome = await this.awaitAnswer(candidate.name, roomId, context.signal);
      } finally {
        await this.fleet.removeValidationRoom(candidate.name, roomId);
      }
      if (outcome.kind === 'ready') {
        await context.record(`${attempt}º Attempt: Game room validation success!`);
        return;
      }
      await context.record(
        outcome.kind === 'timeout'
          ? `${attempt}º Attempt: Got timeout waiting for the GRU with ID: ${roomId} to be ready. You can check if roomTerminationTimeout or roomInitializationTimeout are too short or if the GRU is taking too long to be ready`
          : `${attempt}º Attempt: Unexpected Error: the GRU with ID: ${roomId} failed: ${outcome.description}`,
      );
    }
    await context.record('All validation attempts have failed, operation aborted!');
    throw new Error('all validation attempts failed');
  }

  private async awaitAnswer(
    schedulerName: string,
    roomId: string,
    signal: AbortSignal,
  ): Promise<AttemptOutcome> {
    const deadline = this.clock.now().getTime() + this.validation.timeoutMs;
    const accepted: readonly RoomStatus[] = this.validation.acceptOccupied
      ? ['ready', 'occupied']
      : ['ready'];
    for (;;) {
      if (signal.aborted) throw abortReason(signal);
      const room = this.fleet.roomStatus(schedulerName, roomId);
      if (!room) return { kind: 'error', description: 'the room is gone' };
      if (accepted.includes(room.status)) return { kind: 'ready' };
      if (room.status === 'error')
        return { kind: 'error', description: room.description || 'instance error' };
      if (this.clock.now().getTime() >= deadline) return { kind: 'timeout' };
      await pause(this.validation.pollIntervalMs, signal);
    }
  }

  private async changeState(schedulerName: string, state: 'creating' | 'in-sync'): Promise<void> {
    await this.schedulers.execute(schedulerName, (current) => ({
      kind: 'ChangeSchedulerState',
      state: current.exists ? state : 'in-sync',
      at: this.now(),
    }));
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
