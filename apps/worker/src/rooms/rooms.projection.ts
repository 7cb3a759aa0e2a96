import { type RecordedEvent } from '@maestro/application';
import { roomAllocatedV1, roomCreatedV1, roomDeletedV1, roomStatusChangedV1 } from '@maestro/contracts';
import { type PostgresInlineProjection } from '@maestro/event-store';
import { type EntityManager } from 'typeorm';

const projectedTypes = new Set<string>([
  roomCreatedV1.type,
  roomStatusChangedV1.type,
  roomAllocatedV1.type,
  roomDeletedV1.type,
]);

/**
 * The `rooms` read model (one row per live room), kept in the same transaction as the room's
 * events. The management API counts rooms by status from it.
 *
 * An append of many rooms (a scale-up's `RoomCreated` events, a Kafka batch's status changes) is
 * applied one statement per run of events of the same type, not one per event: the events are
 * taken in order, each run ends where the type changes, and within a run only a room's last
 * change counts, which is what applying them one by one would leave.
 */
export class RoomsProjection implements PostgresInlineProjection {
  readonly name = 'rooms';

  async apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    for (const run of runsOfOneType(events.filter((event) => projectedTypes.has(event.type)))) {
      switch (run.type) {
        case roomCreatedV1.type:
          await insertCreated(manager, run.events);
          break;
        case roomStatusChangedV1.type:
          await updateStatuses(manager, run.events);
          break;
        case roomAllocatedV1.type:
          await markAllocated(manager, run.events);
          break;
        case roomDeletedV1.type:
          await deleteRooms(manager, run.events);
          break;
      }
    }
  }
}

interface Run {
  readonly type: string;
  readonly events: RecordedEvent[];
}

function runsOfOneType(events: readonly RecordedEvent[]): Run[] {
  const runs: Run[] = [];
  for (const event of events) {
    const last = runs.at(-1);
    if (last?.type === event.type) last.events.push(event);
    else runs.push({ type: event.type, events: [event] });
  }
  return runs;
}

/** The last item per room, in the order of those last items. */
function lastPerRoom<T extends { schedulerName: string; roomId: string }>(items: readonly T[]): T[] {
  const byRoom = new Map<string, T>();
  for (const item of items) {
    const key = `${item.schedulerName}/${item.roomId}`;
    byRoom.delete(key);
    byRoom.set(key, item);
  }
  return [...byRoom.values()];
}

async function insertCreated(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
  const rooms = lastPerRoom(
    events.map((event) => ({ ...roomCreatedV1.schema.parse(event.data), recordedAt: event.recordedAt })),
  );
  await manager.query(
    `INSERT INTO rooms (scheduler_name, room_id, version, status, ports, is_validation_room, created_at, updated_at)
     SELECT scheduler_name, room_id, version, 'pending', ports, is_validation_room, created_at, updated_at
     FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::boolean[], $6::timestamptz[], $7::timestamptz[])
       AS r(scheduler_name, room_id, version, ports, is_validation_room, created_at, updated_at)
     ON CONFLICT (scheduler_name, room_id) DO NOTHING`,
    [
      rooms.map((room) => room.schedulerName),
      rooms.map((room) => room.roomId),
      rooms.map((room) => room.version),
      rooms.map((room) => JSON.stringify(room.ports)),
      rooms.map((room) => room.isValidationRoom),
      rooms.map((room) => room.createdAt),
      rooms.map((room) => room.recordedAt.toISOString()),
    ],
  );
}

async function updateStatuses(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
  const changes = lastPerRoom(events.map((event) => roomStatusChangedV1.schema.parse(event.data)));
  await manager.query(
    `UPDATE rooms SET status = c.status, ping_status = c.ping_status, instance_status = c.instance_status,
       running_matches = c.running_matches, updated_at = c.changed_at
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::timestamptz[])
       AS c(scheduler_name, room_id, status, ping_status, instance_status, running_matches, changed_at)
     WHERE rooms.scheduler_name = c.scheduler_name AND rooms.room_id = c.room_id`,
    [
      changes.map((change) => change.schedulerName),
      changes.map((change) => change.roomId),
      changes.map((change) => change.status),
      changes.map((change) => change.pingStatus),
      changes.map((change) => change.instanceStatus),
      changes.map((change) => change.runningMatches),
      changes.map((change) => change.changedAt),
    ],
  );
}

/** Appended by the allocate API, which sets the row itself; here for rebuilds. */
async function markAllocated(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
  const allocations = lastPerRoom(events.map((event) => roomAllocatedV1.schema.parse(event.data)));
  await manager.query(
    `UPDATE rooms SET status = 'allocated', updated_at = a.allocated_at
     FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS a(scheduler_name, room_id, allocated_at)
     WHERE rooms.scheduler_name = a.scheduler_name AND rooms.room_id = a.room_id`,
    [
      allocations.map((allocated) => allocated.schedulerName),
      allocations.map((allocated) => allocated.roomId),
      allocations.map((allocated) => allocated.allocatedAt),
    ],
  );
}

/** A deleted room's row goes, and its last-ping time with it. */
async function deleteRooms(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
  const deleted = events.map((event) => roomDeletedV1.schema.parse(event.data));
  const parameters = [deleted.map((room) => room.schedulerName), deleted.map((room) => room.roomId)];
  for (const table of ['rooms', 'room_last_pings']) {
    await manager.query(
      `DELETE FROM ${table} USING unnest($1::text[], $2::text[]) AS d(scheduler_name, room_id)
       WHERE ${table}.scheduler_name = d.scheduler_name AND ${table}.room_id = d.room_id`,
      parameters,
    );
  }
}
