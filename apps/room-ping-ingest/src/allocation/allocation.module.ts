import { SystemClock, SystemRandomness } from '@maestro/application';
import { ContextLogger } from '@maestro/observability';
import { DatabaseConnector, PersistenceModule, RoomAllocationsRepository } from '@maestro/persistence';
import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { type RoomPingIngestConfig } from '../config/room-ping-ingest.config';
import { AllocateRoomHandler } from './allocate-room.handler';
import { AllocationRegistration } from './allocation.registration';
import { BatchingRoomAllocator } from './batching-room-allocator';
import { PostgresRoomAllocator } from './postgres-room-allocator.adapter';
import { RoomAllocator } from './room-allocator.port';
import { UnconfiguredRoomAllocator } from './unconfigured-room-allocator';

/** `ce_source` of the `RoomAllocated` events (as the rooms API's other publications). */
const allocationSource = 'maestro/room-ping-ingest';

/**
 * `POST /scheduler/{s}/rooms/allocate` and what it allocates with: the database the composition
 * hands in (the embedded one in `npm start`), else the shared Postgres when DATABASE_URL is set (a
 * small pool of its own, migrated in the background), else an allocator that answers 503. The database is not one of the service's readiness checks: pings must keep
 * flowing while it is away, and only this route answers 503 then.
 */
@Module({})
export class AllocationModule {
  static forRoot(config: RoomPingIngestConfig, persistence?: DynamicModule): DynamicModule {
    const databaseUrl = config.DATABASE_URL;
    const database =
      persistence ??
      (databaseUrl === undefined
        ? undefined
        : PersistenceModule.forRoot({
            url: databaseUrl,
            poolSize: config.DATABASE_POOL_SIZE,
            applicationName: 'room-ping-ingest',
          }));
    const allocator: Provider = database
      ? {
          provide: RoomAllocator,
          inject: [DataSource, DatabaseConnector],
          useFactory: (dataSource: DataSource, connector: DatabaseConnector) =>
            new BatchingRoomAllocator(
              new PostgresRoomAllocator(dataSource, new RoomAllocationsRepository(), {
                randomness: new SystemRandomness(),
                source: allocationSource,
                databaseReady: connector.whenReady(),
              }),
            ),
        }
      : { provide: RoomAllocator, useValue: new UnconfiguredRoomAllocator() };
    return {
      module: AllocationModule,
      imports: database ? [database] : [],
      providers: [
        allocator,
        {
          provide: AllocationRegistration,
          inject: [HttpAdapterHost, RoomAllocator],
          useFactory: (adapterHost: HttpAdapterHost, roomAllocator: RoomAllocator) =>
            new AllocationRegistration(adapterHost, {
              handler: new AllocateRoomHandler(roomAllocator, new SystemClock(), {
                allocationTtlMs: config.ROOM_ALLOCATION_TTL_MS,
              }),
              logger: new ContextLogger('Allocation'),
            }),
        },
      ],
    };
  }
}
