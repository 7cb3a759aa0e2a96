import { Injectable } from '@nestjs/common';
import {
  type GameRoom,
  type HostPortAssignment,
  type InstanceStatus,
  type PingStatus,
  type RoomStatus,
} from '@maestro/domain';
import { DataSource } from 'typeorm';

interface RoomRow {
  scheduler_name: string;
  room_id: string;
  version: string;
  status: RoomStatus;
  ping_status: PingStatus;
  instance_status: InstanceStatus;
  running_matches: number;
  ports: HostPortAssignment[];
  is_validation_room: boolean;
  last_ping_at: Date | null;
  allocated_at: Date | null;
  created_at: Date;
}

/** Rooms whose last-ping times one statement writes: each commits quickly. */
const lastPingRowsPerStatement = 1_000;

/** Reads the rooms read model at start-up and writes the rooms' last-ping times in batches. */
@Injectable()
export class RoomsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async loadAll(): Promise<GameRoom[]> {
    // The allocation time comes from the allocate API's own table (an allocated room within its
    // TTL keeps that status on ready pings).
    const rows = await this.dataSource.query<RoomRow[]>(
      `SELECT r.*, p.last_ping_at, CASE WHEN r.status = 'allocated' THEN a.allocated_at END AS allocated_at
       FROM rooms r
       LEFT JOIN room_last_pings p ON p.scheduler_name = r.scheduler_name AND p.room_id = r.room_id
       LEFT JOIN room_allocations a ON a.scheduler_name = r.scheduler_name AND a.room_id = r.room_id`,
    );
    return rows.map((row) => ({
      schedulerName: row.scheduler_name,
      roomId: row.room_id,
      version: row.version,
      status: row.status,
      pingStatus: row.ping_status,
      instanceStatus: row.instance_status,
      runningMatches: row.running_matches,
      ports: row.ports,
      isValidationRoom: row.is_validation_room,
      createdAt: row.created_at.toISOString(),
      ...(row.last_ping_at ? { lastPingAt: row.last_ping_at.toISOString() } : {}),
      ...(row.allocated_at ? { allocatedAt: row.allocated_at.toISOString() } : {}),
    }));
  }

  /**
   * The rooms' last-ping times, `lastPingRowsPerStatement` rooms to a statement. They live in a table
   * of their own, so these writes (a row per room that pinged, every second) never wait for, nor
   * hold up, the status changes appended to `rooms`. Only rooms still in `rooms` are written, and a
   * time never moves back.
   */
  async saveLastPings(
    pings: readonly { schedulerName: string; roomId: string; at: string }[],
  ): Promise<void> {
    for (let start = 0; start < pings.length; start += lastPingRowsPerStatement) {
      const chunk = pings.slice(start, start + lastPingRowsPerStatement);
      await this.dataSource.query(
        `INSERT INTO room_last_pings (scheduler_name, room_id, last_ping_at)
         SELECT p.scheduler_name, p.room_id, p.at
         FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS p(scheduler_name, room_id, at)
         WHERE EXISTS (SELECT 1 FROM rooms r WHERE r.scheduler_name = p.scheduler_name AND r.room_id = p.room_id)
         ON CONFLICT (scheduler_name, room_id) DO UPDATE SET last_ping_at = EXCLUDED.last_ping_at
           WHERE room_last_pings.last_ping_at < EXCLUDED.last_ping_at`,
        [chunk.map((p) => p.schedulerName), chunk.map((p) => p.roomId), chunk.map((p) => p.at)],
      );
    }
  }
}
