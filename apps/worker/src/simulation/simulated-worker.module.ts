import { type DynamicModule, Module } from '@nestjs/common';
import { AppModule } from '../app.module';
import { type WorkerConfig } from '../config/worker.config';
import { CpuProfilerController } from './cpu-profiler.controller';
import { FleetProbeController } from './fleet-probe.controller';
import { SimulatedRuntimeModule } from './simulated-runtime.module';

/**
 * The worker exactly as AppModule composes it (real Postgres, real Kafka, the real fleet controller
 * and lifecycle), with two differences for benchmarks: the rooms' runtime is the in-memory twin
 * instead of Kubernetes, and the fleet probe and the CPU profiler switch are mounted.
 */
@Module({})
export class SimulatedWorkerModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: SimulatedWorkerModule,
      imports: [
        AppModule.forRoot(config, {
          runtime: { module: SimulatedRuntimeModule.forRoot(), readinessChecks: [] },
        }),
      ],
      controllers: [FleetProbeController, CpuProfilerController],
    };
  }
}
