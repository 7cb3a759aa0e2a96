import { type RecordedEvent } from '@maestro/application';
import { roomAllocatedV1, roomCreatedV1, roomDeletedV1, roomStatusChangedV1 } from '@maestro/contracts';
import { type PostgresInlineProjection } from '@maestro/event-store';
import { type EntityManager } from 'typeorm';

/**
 * The `rooms` read model (one row per live room), kept in the same transaction as the room's
 * events. The management API counts rooms by status from it.
 */
export class RoomsProjection implements PostgresInlineProjection {
  readonly name = 'rooms';

  async apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      switch (event.type) {
        case roomCreatedV1.type: {
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
          break;
        }
        case roomStatusChangedV1.type: {
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
          break;
        }
        case roomAllocatedV1.type: {
          // Appended by the allocate API, which sets the row itself; here for rebuilds.
          const allocated = roomAllocatedV1.schema.parse(event.data);
          await manager.query(
            `UPDATE rooms SET status = 'allocated', updated_at = $3 WHERE scheduler_name = $1 AND room_id = $2`,
            [allocated.schedulerName, allocated.roomId, allocated.allocatedAt],
          );
          break;
        }
        case roomDeletedV1.type: {
          const deleted = roomDeletedV1.schema.parse(event.data);
          await manager.query('DELETE FROM rooms WHERE scheduler_name = $1 AND room_id = $2', [
            deleted.schedulerName,
            deleted.roomId,
          ]);
          break;
        }
        default:
          break;
      }
    }
  }
}
