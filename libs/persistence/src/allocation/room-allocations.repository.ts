import { type DataSource } from 'typeorm';
import { queryPrepared } from '../prepared-query';

/** A host port of a room, as the `rooms` read model keeps it (from `RoomCreated.ports`). */
export interface StoredRoomPort {
  readonly name: string;
  readonly protocol: string;
  readonly hostPort: number;
}

/** A ready room an allocation took. */
export interface LockedRoom {
  readonly roomId: string;
  readonly ports: readonly StoredRoomPort[];
  /** The node address of the room's latest `RoomAddressAssigned`; absent before the runtime placed it. */
  readonly host?: string;
}

interface LockedRoomRow {
  room_id: string;
  ports: StoredRoomPort[];
  host: string | null;
}

/**
 * The `RoomAllocated` event one allocation appends to its room's stream, but for the room id in
 * its data, which is known only once the room is picked (the statement adds it).
 */
export interface PendingAllocationEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

/** One wanted room of a batch: from when and until when it is allocated, and the event to store. */
export interface WantedAllocation {
  readonly allocatedAt: Date;
  readonly expiresAt: Date;
  readonly event: PendingAllocationEvent;
}

export interface AllocationBatch {
  readonly schedulerName: string;
  /** In order: the first gets the oldest ready room. */
  readonly wanted: readonly WantedAllocation[];
  /** The room stream id without the room id (`room:<scheduler>/`). */
  readonly roomStreamPrefix: string;
}

/**
 * The SQL of allocation. The `events` and `outbox` tables are the event store's (their schema is
 * this library's migrations); allocation writes them itself so that a whole batch is one
 * statement, one round trip and one implicit transaction — the hot path of matchmaking — prepared
 * once per connection.
 */
export class RoomAllocationsRepository {
  /**
   * In one statement (so atomically, without a transaction around it): takes up to
   * `wanted.length` of the oldest ready, non-validation rooms of the scheduler (ties by id, as
   * `pickRoomToAllocate` orders them), skipping rooms other transactions hold (`FOR UPDATE SKIP
   * LOCKED`: a concurrent allocator, in this process or another, takes the next rooms instead of
   * waiting); records each allocation; marks the rooms `allocated` in the `rooms` read model, so
   * the next pick (and `GET /schedulers/info`) sees them taken before any event is relayed; and
   * appends each room's `RoomAllocated` at the end of its stream with its outbox row. A room whose
   * latest allocation is still live and not followed by a status change is not ready, whatever its
   * row says: that row can be rebuilt from events that predate the allocation. Answers the rooms
   * in `wanted` order, with the address of each room's latest `RoomAddressAssigned`; fewer than
   * wanted when the scheduler ran out. A concurrent append to one of the rooms' streams fails the
   * statement with the stream-version unique violation, and nothing of it remains.
   */
  async allocateReadyRooms(dataSource: DataSource, batch: AllocationBatch): Promise<LockedRoom[]> {
    const { schedulerName, wanted, roomStreamPrefix } = batch;
    const first = wanted[0];
    if (!first) return [];
    const rows = await queryPrepared<LockedRoomRow>(dataSource, {
      name: 'allocate-ready-rooms',
      text: `WITH picked AS (
         SELECT r.scheduler_name, r.room_id, r.ports, r.created_at
         FROM rooms r
         WHERE r.scheduler_name = $1 AND r.status = 'ready' AND r.is_validation_room = false
           AND NOT EXISTS (
             SELECT 1 FROM room_allocations a
             WHERE a.scheduler_name = r.scheduler_name AND a.room_id = r.room_id
               AND a.expires_at > $2 AND a.allocated_at >= r.updated_at)
         ORDER BY r.created_at, r.room_id
         LIMIT $3
         FOR UPDATE OF r SKIP LOCKED
       ), windowed AS (
         SELECT p.scheduler_name, p.room_id, p.ports, w.allocated_at, w.expires_at, w.position
         FROM (SELECT *, row_number() OVER (ORDER BY created_at, room_id) AS position FROM picked) p
         JOIN unnest($4::timestamptz[], $5::timestamptz[]) WITH ORDINALITY AS w(allocated_at, expires_at, position)
           USING (position)
       ), recorded AS (
         INSERT INTO room_allocations (scheduler_name, room_id, allocated_at, expires_at)
         SELECT scheduler_name, room_id, allocated_at, expires_at FROM windowed
         ON CONFLICT (scheduler_name, room_id)
         DO UPDATE SET allocated_at = EXCLUDED.allocated_at, expires_at = EXCLUDED.expires_at
       ), marked AS (
         UPDATE rooms SET status = 'allocated', updated_at = windowed.allocated_at
         FROM windowed WHERE rooms.scheduler_name = windowed.scheduler_name AND rooms.room_id = windowed.room_id
       ), appended AS (
         INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
         SELECT $6 || w.room_id,
                (SELECT COALESCE(MAX(x.stream_version), 0) FROM events x WHERE x.stream_id = $6 || w.room_id) + 1,
                ($7::uuid[])[w.position], ($8::text[])[w.position], ($9::int[])[w.position],
                ($10::jsonb[])[w.position] || jsonb_build_object('roomId', w.room_id),
                ($11::jsonb[])[w.position]
         FROM windowed w ORDER BY w.position
         RETURNING global_position
       ), queued AS (
         INSERT INTO outbox (global_position) SELECT global_position FROM appended
       )
       SELECT w.room_id, w.ports,
              (SELECT e.data->>'host' FROM events e
               WHERE e.stream_id = $6 || w.room_id AND e.type = 'RoomAddressAssigned'
               ORDER BY e.stream_version DESC LIMIT 1) AS host
       FROM windowed w
       ORDER BY w.position`,
      values: [
        schedulerName,
        first.allocatedAt,
        wanted.length,
        wanted.map((one) => one.allocatedAt.toISOString()),
        wanted.map((one) => one.expiresAt.toISOString()),
        roomStreamPrefix,
        wanted.map((one) => one.event.eventId),
        wanted.map((one) => one.event.type),
        wanted.map((one) => one.event.schemaVersion),
        wanted.map((one) => JSON.stringify(one.event.data)),
        wanted.map((one) => JSON.stringify(one.event.metadata)),
      ],
    });
    return rows.map((row) => ({
      roomId: row.room_id,
      ports: row.ports,
      ...(row.host ? { host: row.host } : {}),
    }));
  }
}
