import { CreateEventStore1764201600000 } from './1764201600000-create-event-store';

/** Every migration, in order. `synchronize` is never on: the schema changes only through these. */
export const migrations = [CreateEventStore1764201600000];
