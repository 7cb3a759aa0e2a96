import { type DynamicModule, Module } from '@nestjs/common';
import {
  Clock,
  CreateSchedulerHandler,
  EventStore,
  Randomness,
  SchedulerQueries,
  SchedulerReadModel,
} from '@maestro/application';
import { SchedulerReadModelQueries } from '@maestro/persistence';
import { DataSource } from 'typeorm';
import { BASIC_AUTH_SETTINGS, BasicAuthGuard, type BasicAuthSettings } from '../auth/basic-auth.guard';
import { PostgresSchedulerReadModel } from './postgres-scheduler-read-model.adapter';
import { SchedulersController } from './schedulers.controller';

/** `ce_source` of the events this service appends. */
export const managementApiSource = 'maestro/management-api';

/** The /schedulers routes: use cases on the event store, queries on the read model, Basic auth. */
@Module({})
export class SchedulersModule {
  static forRoot(auth: BasicAuthSettings): DynamicModule {
    return {
      module: SchedulersModule,
      controllers: [SchedulersController],
      providers: [
        { provide: BASIC_AUTH_SETTINGS, useValue: auth },
        BasicAuthGuard,
        {
          provide: CreateSchedulerHandler,
          useFactory: (eventStore: EventStore, clock: Clock, randomness: Randomness) =>
            new CreateSchedulerHandler(eventStore, clock, randomness, { source: managementApiSource }),
          inject: [EventStore, Clock, Randomness],
        },
        {
          provide: SchedulerReadModel,
          useFactory: (dataSource: DataSource) =>
            new PostgresSchedulerReadModel(new SchedulerReadModelQueries(dataSource)),
          inject: [DataSource],
        },
        {
          provide: SchedulerQueries,
          useFactory: (readModel: SchedulerReadModel) => new SchedulerQueries(readModel),
          inject: [SchedulerReadModel],
        },
      ],
    };
  }
}
