import { type DynamicModule, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { HealthController } from './health/health.controller';
import { READINESS_CHECKS, type ReadinessCheck } from './health/readiness-check';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsRegistry } from './metrics/metrics.registry';

export interface ObservabilityOptions {
  readonly service: string;
  /** Modules that provide what the readiness checks inject (a data source, a Kafka admin, …). */
  readonly imports?: ModuleMetadata['imports'];
  readonly readinessChecks: Type<ReadinessCheck>[];
}

/** `/healthz`, `/readyz` and `/metrics` for a service; open endpoints, never behind auth. */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      imports: options.imports ?? [],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: MetricsRegistry, useValue: new MetricsRegistry(options.service) },
        ...options.readinessChecks,
        {
          provide: READINESS_CHECKS,
          useFactory: (...checks: ReadinessCheck[]) => checks,
          inject: options.readinessChecks,
        },
      ],
      exports: [MetricsRegistry],
    };
  }
}
