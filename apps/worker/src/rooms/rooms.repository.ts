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

/** Reads the rooms read model at start-up and writes the rooms' last-ping times in batches. */
@Injectable()
export class RoomsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async loadAll(): Promise<GameRoom[]> {
    // The allocation time comes from the allocate API's own table (an allocated room within its
    // TTL keeps that status on ready pings).
    const rows = await this.dataSource.query<RoomRow[]>(
      `SELECT r.*, CASE WHEN r.status = 'allocated' THEN a.allocated_at END AS allocated_at
       FROM rooms r LEFT JOIN room_allocations a
         ON a.scheduler_name = r.scheduler_name AND a.room_id = r.room_id`,
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

  /** One statement for many rooms: pings are frequent, their times need not be durable at once. */
  async saveLastPings(
    pings: readonly { schedulerName: string; roomId: string; at: string }[],
  ): Promise<void> {
    if (pings.length === 0) return;
    await this.dataSource.query(
      `UPDATE rooms SET last_ping_at = p.at
       FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS p(scheduler_name, room_id, at)
       WHERE rooms.scheduler_name = p.scheduler_name AND rooms.room_id = p.room_id
         AND (rooms.last_ping_at IS NULL OR rooms.last_ping_at < p.at)`,
      [pings.map((p) => p.schedulerName), pings.map((p) => p.roomId), pings.map((p) => p.at)],
    );
  }
}
