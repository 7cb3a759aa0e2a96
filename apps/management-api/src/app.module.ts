import { type DynamicModule, Module } from '@nestjs/common';
import { ObservabilityModule } from '@maestro/observability';
import { PersistenceModule, PostgresReadinessCheck } from '@maestro/persistence';
import { type ManagementApiConfig } from './config/management-api.config';

/** Composition root of the management API: wires adapters to ports. */
@Module({})
export class AppModule {
  static forRoot(config: ManagementApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot({ url: config.DATABASE_URL, applicationName: 'management-api' }),
        ObservabilityModule.forRoot({ service: 'management-api', readinessChecks: [PostgresReadinessCheck] }),
      ],
    };
  }
}
