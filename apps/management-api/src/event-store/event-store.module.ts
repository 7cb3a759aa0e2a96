import { Global, Module } from '@nestjs/common';
import { Clock, EventStore, Randomness, SystemClock, SystemRandomness } from '@maestro/application';
import { PostgresEventStore } from '@maestro/event-store';
import { OperationsReadModelProjector, SchedulerReadModelProjector } from '@maestro/persistence';
import { DataSource } from 'typeorm';

/**
 * The event store on the DataSource of `PersistenceModule`, with the projections that must change
 * in the same transaction as an append (the schedulers and operations read models: a created scheduler is readable
 * as soon as POST /schedulers answers). Time and ids come from ports, as everywhere.
 */
@Global()
@Module({
  providers: [
    {
      provide: EventStore,
      useFactory: (dataSource: DataSource) =>
        new PostgresEventStore(dataSource, [
          new SchedulerReadModelProjector(),
          new OperationsReadModelProjector(),
        ]),
      inject: [DataSource],
    },
    { provide: Clock, useClass: SystemClock },
    { provide: Randomness, useClass: SystemRandomness },
  ],
  exports: [EventStore, Clock, Randomness],
})
export class EventStoreModule {}
