import { type Clock } from '../../ports/clock.port';
import { type SchedulerStore } from '../../scheduler/scheduler-store.service';
import { type ExecutionContext, type FleetOperations, type OperationExecutor } from './operation-executor';

/**
 * `switch_active_version`: the version becomes active and the scheduler `in-sync`. The fleet acts
 * on it at once: a major change starts the rolling update, a minor one keeps every room.
 */
export class SwitchActiveVersionExecutor implements OperationExecutor {
  readonly definitionName = 'switch_active_version' as const;

  constructor(
    private readonly schedulers: SchedulerStore,
    private readonly fleet: FleetOperations,
    private readonly clock: Clock,
  ) {}

  async execute({ operation }: ExecutionContext) {
    const version = operation.input.newActiveVersion;
    if (typeof version !== 'string') throw new Error('operation input has no newActiveVersion');
    const { state } = await this.schedulers.execute(operation.schedulerName, {
      kind: 'SwitchActiveVersion',
      version,
      at: this.clock.now().toISOString(),
    });
    if (state.exists) await this.fleet.upsertScheduler(state.scheduler);
    return {};
  }
}
