import { type RecordedEvent } from '@maestro/application';
import { roomAddressAssignedV1, roomCreatedV1, roomStatusChangedV1 } from '@maestro/contracts';
import { roomStreamId } from '@maestro/domain';
import { PostgresEventStore, type PostgresInlineProjection } from '@maestro/event-store';
import { randomUUID } from 'node:crypto';
import { type DataSource, type EntityManager } from 'typeorm';
import { type SeededRoom } from './room-allocator.contract';

/**
 * The part of the worker's `rooms` projection (apps/worker/src/rooms/rooms.projection.ts) that
 * seeding needs, repeated here because an app may not import another: a room row on `RoomCreated`,
 * its status on `RoomStatusChanged`. Kept to the same SQL so the rows look as the worker writes them.
 */
class SeedRoomsProjection implements PostgresInlineProjection {
  readonly name = 'rooms (seed)';

  async apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      if (event.type === roomCreatedV1.type) {
        const room = roomCreatedV1.schema.parse(event.data);
        await manager.query(
          `INSERT INTO rooms (scheduler_name, room_id, version, status, ports, is_validation_room, created_at, updated_at)
           VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7)
           ON CONFLICT (scheduler_name, room_id) DO NOTHING`,
          [
            room.schedulerName,
            room.roomId,
            room.version,
            JSON.stringify(room.ports),
            room.isValidationRoom,
            room.createdAt,
            event.recordedAt,
          ],
        );
      } else if (event.type === roomStatusChangedV1.type) {
        const change = roomStatusChangedV1.schema.parse(event.data);
        await manager.query(
          `UPDATE rooms SET status = $3, ping_status = $4, instance_status = $5, running_matches = $6, updated_at = $7
           WHERE scheduler_name = $1 AND room_id = $2`,
          [
            change.schedulerName,
            change.roomId,
            change.status,
            change.pingStatus,
            change.instanceStatus,
            change.runningMatches,
            change.changedAt,
          ],
        );
      }
    }
  }
}

/**
 * Creates rooms as the worker would: `RoomCreated`, a `RoomStatusChanged` to the wanted status and,
 * when a host is given, `RoomAddressAssigned`, appended to each room's stream with the `rooms` row.
 */
export async function seedRooms(dataSource: DataSource, rooms: readonly SeededRoom[]): Promise<void> {
  const store = new PostgresEventStore(dataSource, [new SeedRoomsProjection()]);
  for (const room of rooms) {
    const { schedulerName, roomId, createdAt } = room;
    const metadata = { subject: schedulerName, source: 'maestro/worker' };
    const ports = room.ports ?? [];
    const event = (type: string, data: Record<string, unknown>) => ({
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      data,
      metadata,
    });
    await store.append(roomStreamId(schedulerName, roomId), 0, [
      event(roomCreatedV1.type, {
        schedulerName,
        roomId,
        version: 'v1.0.0',
        ports: ports.map((port) => ({
          containerName: 'game',
          name: port.name,
          protocol: port.protocol,
          containerPort: 7777,
          hostPort: port.hostPort,
        })),
        isValidationRoom: room.isValidationRoom ?? false,
        createdAt,
      }),
      event(roomStatusChangedV1.type, {
        schedulerName,
        roomId,
        previousStatus: 'pending',
        status: room.status ?? 'ready',
        pingStatus: room.status === 'occupied' ? 'occupied' : room.status === 'pending' ? 'unknown' : 'ready',
        instanceStatus: room.status === 'pending' ? 'pending' : 'ready',
        runningMatches: room.status === 'occupied' ? 1 : 0,
        changedAt: createdAt,
      }),
      ...(room.host
        ? [
            event(roomAddressAssignedV1.type, {
              schedulerName,
              roomId,
              host: room.host,
              ports: ports.map((port) => ({ name: port.name, protocol: port.protocol, port: port.hostPort })),
              assignedAt: createdAt,
            }),
          ]
        : []),
    ]);
  }
}
