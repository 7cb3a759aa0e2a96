import { type Clock } from '../../ports/clock.port';
import { type SchedulerStore } from '../../scheduler/scheduler-store.service';
import { type ExecutionContext, type FleetOperations, type OperationExecutor } from './operation-executor';

/** `create_scheduler`: prepares the runtime (namespace), then the scheduler is `in-sync`. */
export class CreateSchedulerExecutor implements OperationExecutor {
  readonly definitionName = 'create_scheduler' as const;

  constructor(
    private readonly schedulers: SchedulerStore,
    private readonly fleet: FleetOperations,
    private readonly clock: Clock,
  ) {}

  async execute({ operation }: ExecutionContext) {
    await this.fleet.prepareRuntime(operation.schedulerName);
    await this.schedulers.execute(operation.schedulerName, {
      kind: 'ChangeSchedulerState',
      state: 'in-sync',
      at: this.clock.now().toISOString(),
    });
    return {};
  }
}
