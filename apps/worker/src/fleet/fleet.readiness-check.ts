import { Injectable } from '@nestjs/common';
import { ReadinessCheck } from '@maestro/observability';
import { WorkerLifecycle } from './worker-lifecycle';

/** Ready once the worker restored its state, adopted the runtime's instances and consumes events. */
@Injectable()
export class FleetReadinessCheck extends ReadinessCheck {
  readonly name = 'fleet';

  constructor(private readonly lifecycle: WorkerLifecycle) {
    super();
  }

  check(): Promise<void> {
    return this.lifecycle.running ? Promise.resolve() : Promise.reject(new Error('starting'));
  }
}
