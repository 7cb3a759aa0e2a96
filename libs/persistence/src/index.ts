export { createDataSource, openDatabase, type DataSourceOptions } from './data-source';
export { migrations } from './migrations';
export { PostgresReadinessCheck } from './postgres.readiness-check';
export { DatabaseConnector, PersistenceModule } from './persistence.module';
export { runMigrationsExclusively } from './data-source';
export {
  SchedulerReadModelProjector,
  type ProjectedSchedulerEvent,
} from './read-models/scheduler-read-model.projector';
export { OperationsReadModelProjector } from './read-models/operations-read-model.projector';
export {
  RoomAllocationsRepository,
  type AllocationBatch,
  type LockedRoom,
  type PendingAllocationEvent,
  type WantedAllocation,
  type StoredRoomPort,
} from './allocation/room-allocations.repository';
export {
  OperationsReadModelQueries,
  stageStatuses,
  type OperationRow,
} from './read-models/operations-read-model.queries';
export {
  SchedulerReadModelQueries,
  type SchedulerInfoRow,
  type SchedulerRow,
  type SchedulerRowFilter,
  type SchedulerVersionRow,
} from './read-models/scheduler-read-model.queries';
export {
  EmbeddedPostgres,
  type EmbeddedPostgresOptions,
  type EmbeddedStorage,
} from './embedded/embedded-postgres';
export { DataDirectoryInUseError } from './embedded/data-directory-lock';
export { EmbeddedDatabase, type EmbeddedDatabaseOptions } from './embedded/embedded-database';
export { SharedPersistenceModule } from './embedded/shared-persistence.module';
export { ensureDatabaseTemplate, type DatabaseTemplate } from './embedded/database-template';
