import { Logger, Module, type DynamicModule } from '@nestjs/common';
import {
  Clock,
  EventStore,
  FleetController,
  GameRoomRuntime,
  MessagePublisher,
  Randomness,
  SystemClock,
  SystemRandomness,
} from '@maestro/application';
import { OutboxRelay, PostgresEventStore } from '@maestro/event-store';
import { ContextLogger } from '@maestro/observability';
import { DataSource } from 'typeorm';
import { RoomsProjection } from '../rooms/rooms.projection';
import { RoomsRepository } from '../rooms/rooms.repository';
import { SchedulerStateLoader } from '../schedulers/scheduler-state.loader';
import { FleetReadinessCheck } from './fleet.readiness-check';
import { WorkerLifecycle } from './worker-lifecycle';
import { WORKER_SETTINGS, type WorkerSettings } from './worker-settings';

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
          useFactory: (dataSource: DataSource) => new PostgresEventStore(dataSource, [new RoomsProjection()]),
          inject: [DataSource],
        },
        {
          provide: FleetController,
          useFactory: (events: EventStore, runtime: GameRoomRuntime, clock: Clock, randomness: Randomness) =>
            new FleetController(events, runtime, clock, randomness, new ContextLogger('Fleet'), {
              instanceStartGraceMs: settings.instanceStartGraceMs,
            }),
          inject: [EventStore, GameRoomRuntime, Clock, Randomness],
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
        RoomsRepository,
        SchedulerStateLoader,
        WorkerLifecycle,
        FleetReadinessCheck,
      ],
      exports: [WorkerLifecycle, FleetReadinessCheck],
    };
  }
}
