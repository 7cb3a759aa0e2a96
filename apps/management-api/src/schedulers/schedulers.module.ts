import { type DynamicModule, Module } from '@nestjs/common';
import {
  CancelOperationHandler,
  Clock,
  CreateSchedulerHandler,
  DeleteSchedulerHandler,
  EventStore,
  NewSchedulerVersionHandler,
  OperationQueries,
  OperationQueueService,
  OperationReadModel,
  Randomness,
  SchedulerQueries,
  SchedulerReadModel,
  SchedulerStore,
  SwitchActiveVersionHandler,
} from '@maestro/application';
import { OperationsReadModelQueries, SchedulerReadModelQueries } from '@maestro/persistence';
import { DataSource } from 'typeorm';
import { BASIC_AUTH_SETTINGS, BasicAuthGuard, type BasicAuthSettings } from '../auth/basic-auth.guard';
import { OperationsController } from '../operations/operations.controller';
import { PostgresOperationReadModel } from '../operations/postgres-operation-read-model.adapter';
import { PostgresSchedulerReadModel } from './postgres-scheduler-read-model.adapter';
import { SchedulersController } from './schedulers.controller';

/** `ce_source` of the events this service appends. */
export const managementApiSource = 'maestro/management-api';

/**
 * The /schedulers routes (operations included): use cases on the event store, queries on the read
 * models, Basic auth.
 */
@Module({})
export class SchedulersModule {
  static forRoot(auth: BasicAuthSettings): DynamicModule {
    return {
      module: SchedulersModule,
      controllers: [SchedulersController, OperationsController],
      providers: [
        { provide: BASIC_AUTH_SETTINGS, useValue: auth },
        BasicAuthGuard,
        {
          provide: SchedulerStore,
          useFactory: (eventStore: EventStore, randomness: Randomness) =>
            new SchedulerStore(eventStore, randomness, managementApiSource),
          inject: [EventStore, Randomness],
        },
        {
          provide: OperationQueueService,
          useFactory: (eventStore: EventStore, clock: Clock, randomness: Randomness) =>
            new OperationQueueService(eventStore, clock, randomness, managementApiSource),
          inject: [EventStore, Clock, Randomness],
        },
        {
          provide: CreateSchedulerHandler,
          useFactory: (schedulers: SchedulerStore, operations: OperationQueueService, clock: Clock) =>
            new CreateSchedulerHandler(schedulers, operations, clock),
          inject: [SchedulerStore, OperationQueueService, Clock],
        },
        {
          provide: NewSchedulerVersionHandler,
          useFactory: (schedulers: SchedulerStore, operations: OperationQueueService, clock: Clock) =>
            new NewSchedulerVersionHandler(schedulers, operations, clock),
          inject: [SchedulerStore, OperationQueueService, Clock],
        },
        {
          provide: SwitchActiveVersionHandler,
          useFactory: (schedulers: SchedulerStore, operations: OperationQueueService) =>
            new SwitchActiveVersionHandler(schedulers, operations),
          inject: [SchedulerStore, OperationQueueService],
        },
        {
          provide: DeleteSchedulerHandler,
          useFactory: (schedulers: SchedulerStore, operations: OperationQueueService) =>
            new DeleteSchedulerHandler(schedulers, operations),
          inject: [SchedulerStore, OperationQueueService],
        },
        {
          provide: CancelOperationHandler,
          useFactory: (operations: OperationQueueService) => new CancelOperationHandler(operations),
          inject: [OperationQueueService],
        },
        {
          provide: OperationReadModel,
          useFactory: (dataSource: DataSource) =>
            new PostgresOperationReadModel(new OperationsReadModelQueries(dataSource)),
          inject: [DataSource],
        },
        {
          provide: OperationQueries,
          useFactory: (readModel: OperationReadModel) => new OperationQueries(readModel),
          inject: [OperationReadModel],
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
