export { PostgresEventStore } from './postgres/postgres-event-store.adapter';
export { InMemoryEventStore } from './in-memory/in-memory-event-store.adapter';
export { type PostgresInlineProjection } from './postgres/inline-projection';
export {
  OutboxRelay,
  type OutboxRelayLog,
  type OutboxRelayOptions,
  type RelayedBatch,
} from './outbox/outbox-relay';
export { CheckpointStore } from './checkpoints/checkpoint-store.port';
export { PostgresCheckpointStore } from './checkpoints/postgres-checkpoint-store.adapter';
export { InMemoryCheckpointStore } from './checkpoints/in-memory-checkpoint-store.adapter';
export { republishRelayedHistory, type RelayedHistoryOptions } from './outbox/relayed-history';
