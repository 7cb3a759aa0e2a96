import { type Clock } from '../../ports/clock.port';
import { type SchedulerStore } from '../../scheduler/scheduler-store.service';
import {
  type ExecutionContext,
  type FleetOperations,
  type OperationExecutor,
  pause,
} from './operation-executor';

export interface DeleteSchedulerSettings {
  /** How often the remaining instances are counted while they stop. */
  readonly pollIntervalMs: number;
  /** Give up waiting for instances after this long (they keep stopping in the runtime). */
  readonly waitTimeoutMs: number;
}

/**
 * `delete_scheduler`: the scheduler is deleted (its name is free again), its rooms and runtime are
 * removed, and the operation waits until the runtime has no instance of it left.
 */
export class DeleteSchedulerExecutor implements OperationExecutor {
  readonly definitionName = 'delete_scheduler' as const;

  constructor(
    private readonly schedulers: SchedulerStore,
    private readonly fleet: FleetOperations,
    private readonly clock: Clock,
    private readonly settings: DeleteSchedulerSettings,
  ) {}

  async execute({ operation, signal, record }: ExecutionContext) {
    const name = operation.schedulerName;
    await this.schedulers.execute(name, { kind: 'DeleteScheduler', at: this.clock.now().toISOString() });
    await this.fleet.removeScheduler(name);
    const deadline = this.clock.now().getTime() + this.settings.waitTimeoutMs;
    let reported: number | undefined;
    for (;;) {
      const remaining = await this.fleet.instanceCount(name);
      if (remaining === 0) return {};
      if (remaining !== reported) await record(`Waiting for instances to be deleted: ${remaining}`);
      reported = remaining;
      if (this.clock.now().getTime() > deadline) {
        throw new Error(`${remaining} instances were still stopping when the wait timed out`);
      }
      await pause(this.settings.pollIntervalMs, signal);
    }
  }
}
