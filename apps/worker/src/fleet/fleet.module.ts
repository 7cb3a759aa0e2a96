import { Logger, Module, type DynamicModule } from '@nestjs/common';
import {
  Clock,
  CreateSchedulerExecutor,
  DeleteSchedulerExecutor,
  EventStore,
  FleetController,
  GameRoomRuntime,
  MessagePublisher,
  NewSchedulerVersionExecutor,
  OperationQueueService,
  OperationRunner,
  Randomness,
  SchedulerStore,
  SwitchActiveVersionExecutor,
  SystemClock,
  SystemRandomness,
} from '@maestro/application';
import { OutboxRelay, PostgresEventStore } from '@maestro/event-store';
import {
  OperationsReadModelProjector,
  OperationsReadModelQueries,
  SchedulerReadModelProjector,
} from '@maestro/persistence';
import { ContextLogger, MetricsRegistry } from '@maestro/observability';
import { DataSource } from 'typeorm';
import { PrometheusFleetMetrics } from '../metrics/prometheus-fleet.metrics';
import { RoomsProjection } from '../rooms/rooms.projection';
import { RoomsRepository } from '../rooms/rooms.repository';
import { SchedulerStateLoader } from '../schedulers/scheduler-state.loader';
import { FleetReadinessCheck } from './fleet.readiness-check';
import { WorkerLifecycle } from './worker-lifecycle';
import { WORKER_SETTINGS, type WorkerSettings } from './worker-settings';

/** `ce_source` of the events the worker appends. */
const workerSource = 'maestro/worker';

/** The worker's control loop: the fleet controller on its ports, and the lifecycle driving it. */
@Module({})
export class FleetModule {
  static forRoot(settings: WorkerSettings): DynamicModule {
    return {
      module: FleetModule,
      global: true,
      providers: [
        { provide: WORKER_SETTINGS, useValue: settings },
        { provide: Clock, useClass: SystemClock },
        { provide: Randomness, useClass: SystemRandomness },
        {
          provide: EventStore,
          // The worker appends room, scheduler and operation events: every read model they change.
          useFactory: (dataSource: DataSource) =>
            new PostgresEventStore(dataSource, [
              new RoomsProjection(),
              new SchedulerReadModelProjector(),
              new OperationsReadModelProjector(),
            ]),
          inject: [DataSource],
        },
        {
          provide: FleetController,
          useFactory: (
            events: EventStore,
            runtime: GameRoomRuntime,
            clock: Clock,
            randomness: Randomness,
            metrics: MetricsRegistry,
          ) =>
            new FleetController(
              events,
              runtime,
              clock,
              randomness,
              new ContextLogger('Fleet'),
              {
                instanceStartGraceMs: settings.instanceStartGraceMs,
                timeouts: settings.roomTimeouts,
                allocationTtlMs: settings.allocationTtlMs,
                concurrentRoomChanges: settings.concurrentRoomChanges,
              },
              new PrometheusFleetMetrics(metrics),
            ),
          inject: [EventStore, GameRoomRuntime, Clock, Randomness, MetricsRegistry],
        },
        {
          // The worker publishes the whole outbox (its room events and the API's scheduler events).
          provide: OutboxRelay,
          useFactory: (dataSource: DataSource, publisher: MessagePublisher) => {
            const logger = new Logger('OutboxRelay');
            return new OutboxRelay(dataSource, publisher, {
              log: (level, message, fields) => {
                const entry = { msg: message, ...fields };
                if (level === 'error') logger.error(entry);
                else if (level === 'warn') logger.warn(entry);
                else if (level === 'info') logger.log(entry);
                else logger.debug(entry);
              },
            });
          },
          inject: [DataSource, MessagePublisher],
        },
        {
          provide: SchedulerStore,
          useFactory: (events: EventStore, randomness: Randomness) =>
            new SchedulerStore(events, randomness, workerSource),
          inject: [EventStore, Randomness],
        },
        {
          provide: OperationQueueService,
          useFactory: (events: EventStore, clock: Clock, randomness: Randomness) =>
            new OperationQueueService(events, clock, randomness, workerSource),
          inject: [EventStore, Clock, Randomness],
        },
        {
          provide: OperationsReadModelQueries,
          useFactory: (dataSource: DataSource) => new OperationsReadModelQueries(dataSource),
          inject: [DataSource],
        },
        {
          provide: OperationRunner,
          useFactory: (
            queue: OperationQueueService,
            schedulers: SchedulerStore,
            fleet: FleetController,
            clock: Clock,
            randomness: Randomness,
          ) =>
            new OperationRunner(
              queue,
              [
                new CreateSchedulerExecutor(schedulers, fleet, clock),
                new NewSchedulerVersionExecutor(schedulers, fleet, clock, {
                  ...settings.validation,
                  pollIntervalMs: 100,
                }),
                new SwitchActiveVersionExecutor(schedulers, fleet, clock),
                new DeleteSchedulerExecutor(schedulers, fleet, clock, {
                  pollIntervalMs: 500,
                  waitTimeoutMs: settings.schedulerDeletionTimeoutMs,
                }),
              ],
              randomness,
              new ContextLogger('Operations'),
            ),
          inject: [OperationQueueService, SchedulerStore, FleetController, Clock, Randomness],
        },
        RoomsRepository,
        SchedulerStateLoader,
        WorkerLifecycle,
        FleetReadinessCheck,
      ],
      exports: [WorkerLifecycle, FleetReadinessCheck],
    };
  }
}
