import { CreateEventStore1764201600000 } from './1764201600000-create-event-store';
import { CreateRoomsReadModel1764288000000 } from './1764288000000-create-rooms-read-model';
import { CreateSchedulersReadModel1764374400000 } from './1764374400000-create-schedulers-read-model';
import { CreateOperationsReadModel1764460800000 } from './1764460800000-create-operations-read-model';
import { CreateRoomAllocations1764547200000 } from './1764547200000-create-room-allocations';
import { CreateRoomLastPings1764633600000 } from './1764633600000-create-room-last-pings';

/** Every migration, in order. `synchronize` is never on: the schema changes only through these. */
export const migrations = [
  CreateEventStore1764201600000,
  CreateRoomsReadModel1764288000000,
  CreateSchedulersReadModel1764374400000,
  CreateOperationsReadModel1764460800000,
  CreateRoomAllocations1764547200000,
  CreateRoomLastPings1764633600000,
];
