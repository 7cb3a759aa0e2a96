import { type EntityManager } from 'typeorm';

/** A host port of a room, as the `rooms` read model keeps it (from `RoomCreated.ports`). */
export interface StoredRoomPort {
  readonly name: string;
  readonly protocol: string;
  readonly hostPort: number;
}

/** The ready room an allocation took, locked until the caller's transaction ends. */
export interface LockedRoom {
  readonly roomId: string;
  readonly ports: readonly StoredRoomPort[];
  /** The node address of the room's latest `RoomAddressAssigned`; absent before the runtime placed it. */
  readonly host?: string;
}

export interface RoomAllocationRecord {
  readonly schedulerName: string;
  readonly roomId: string;
  readonly allocatedAt: Date;
  readonly expiresAt: Date;
}

interface LockedRoomRow {
  room_id: string;
  ports: StoredRoomPort[];
  host: string | null;
}

/**
 * The SQL of an allocation, on the caller's transaction (`manager`), in one statement: lock one
 * ready room, record the allocation and turn the room `allocated`. The row lock keeps every other
 * allocator — in this process or another — off the room until the caller commits; `SKIP LOCKED`
 * lets them take the next room instead of waiting.
 */
export class RoomAllocationsRepository {
  /**
   * Takes the oldest ready, non-validation room of the scheduler (ties by id, as
   * `pickRoomToAllocate` orders them), skipping rooms other transactions hold, and marks it
   * `allocated` in the `rooms` read model at once, so the next pick (and `GET /schedulers/info`)
   * sees it taken before any event is relayed. A room whose latest allocation is still live and
   * not followed by a status change is not ready, whatever its row says: that row can be rebuilt
   * from events that predate the allocation. `roomStreamPrefix` is the room stream id without the
   * room id (`room:<scheduler>/`), where the room's address is read from.
   */
  async takeReadyRoom(
    manager: EntityManager,
    allocation: Omit<RoomAllocationRecord, 'roomId'>,
    roomStreamPrefix: string,
  ): Promise<LockedRoom | undefined> {
    const rows = await manager.query<LockedRoomRow[]>(
      `WITH picked AS (
         SELECT r.scheduler_name, r.room_id, r.ports
         FROM rooms r
         WHERE r.scheduler_name = $1 AND r.status = 'ready' AND r.is_validation_room = false
           AND NOT EXISTS (
             SELECT 1 FROM room_allocations a
             WHERE a.scheduler_name = r.scheduler_name AND a.room_id = r.room_id
               AND a.expires_at > $2 AND a.allocated_at >= r.updated_at)
         ORDER BY r.created_at, r.room_id
         LIMIT 1
         FOR UPDATE OF r SKIP LOCKED
       ), recorded AS (
         INSERT INTO room_allocations (scheduler_name, room_id, allocated_at, expires_at)
         SELECT scheduler_name, room_id, $2, $3 FROM picked
         ON CONFLICT (scheduler_name, room_id)
         DO UPDATE SET allocated_at = EXCLUDED.allocated_at, expires_at = EXCLUDED.expires_at
       ), marked AS (
         UPDATE rooms SET status = 'allocated', updated_at = $2
         FROM picked WHERE rooms.scheduler_name = picked.scheduler_name AND rooms.room_id = picked.room_id
       )
       SELECT p.room_id, p.ports,
              (SELECT e.data->>'host' FROM events e
               WHERE e.stream_id = $4 || p.room_id AND e.type = 'RoomAddressAssigned'
               ORDER BY e.stream_version DESC LIMIT 1) AS host
       FROM picked p`,
      [allocation.schedulerName, allocation.allocatedAt, allocation.expiresAt, roomStreamPrefix],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { roomId: row.room_id, ports: row.ports, ...(row.host ? { host: row.host } : {}) };
  }
}
