export { PostgresEventStore } from './postgres/postgres-event-store.adapter';
export { InMemoryEventStore } from './in-memory/in-memory-event-store.adapter';
export { type PostgresInlineProjection } from './postgres/inline-projection';
