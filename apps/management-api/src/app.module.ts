import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ObservabilityModule } from '@maestro/observability';
import { PersistenceModule, PostgresReadinessCheck } from '@maestro/persistence';
import { type ManagementApiConfig } from './config/management-api.config';
import { EventStoreModule } from './event-store/event-store.module';
import { JsonBodyParser } from './http/json-body.parser';
import { MaestroExceptionFilter } from './http/maestro-exception.filter';
import { SchedulersModule } from './schedulers/schedulers.module';

/** The adapters the management API runs on, when not the ones its configuration names. */
export interface ManagementApiInfrastructure {
  /** Provides `DataSource` and `DatabaseConnector` (default: Postgres at DATABASE_URL). */
  readonly persistence: DynamicModule;
}

/** Composition root of the management API: wires adapters to ports. */
@Module({})
export class AppModule {
  static forRoot(config: ManagementApiConfig, infrastructure?: ManagementApiInfrastructure): DynamicModule {
    return {
      module: AppModule,
      imports: [
        infrastructure?.persistence ??
          PersistenceModule.forRoot({ url: config.DATABASE_URL, applicationName: 'management-api' }),
        ObservabilityModule.forRoot({
          service: 'management-api',
          readinessChecks: [PostgresReadinessCheck],
        }),
        EventStoreModule,
        SchedulersModule.forRoot({
          enabled: config.MANAGEMENT_API_AUTH === 'basic',
          users: config.MANAGEMENT_API_USERS,
        }),
      ],
      providers: [JsonBodyParser, { provide: APP_FILTER, useClass: MaestroExceptionFilter }],
    };
  }
}
