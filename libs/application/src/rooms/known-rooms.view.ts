import { type EventEnvelope, roomCreatedV1, roomDeletedV1 } from '@maestro/contracts';

/** What applying one `room-events` message did to the view. */
export type KnownRoomsChange = 'added' | 'removed' | 'unchanged' | 'ignored' | 'invalid';

/**
 * The rooms that exist right now, by scheduler, folded from `RoomCreated` and `RoomDeleted` on
 * `room-events`. The ping path asks it whether a room exists instead of asking a database, so a
 * lookup is two hash probes and allocates nothing.
 *
 * Applying the same events again in order (a redelivered batch) ends in the same state.
 */
export class KnownRooms {
  private readonly roomsByScheduler = new Map<string, Set<string>>();
  private roomCount = 0;

  has(schedulerName: string, roomId: string): boolean {
    return this.roomsByScheduler.get(schedulerName)?.has(roomId) === true;
  }

  /** How many rooms the view knows, over every scheduler. */
  get size(): number {
    return this.roomCount;
  }

  /**
   * Folds one event in. Other event types are `ignored`; a `RoomCreated` or `RoomDeleted` whose
   * version or payload does not match its schema is `invalid`, and left out rather than guessed at.
   */
  apply(envelope: EventEnvelope): KnownRoomsChange {
    switch (envelope.type) {
      case roomCreatedV1.type: {
        if (envelope.schemaVersion !== roomCreatedV1.version) return 'invalid';
        const parsed = roomCreatedV1.schema.safeParse(envelope.data);
        if (!parsed.success) return 'invalid';
        return this.add(parsed.data.schedulerName, parsed.data.roomId) ? 'added' : 'unchanged';
      }
      case roomDeletedV1.type: {
        if (envelope.schemaVersion !== roomDeletedV1.version) return 'invalid';
        const parsed = roomDeletedV1.schema.safeParse(envelope.data);
        if (!parsed.success) return 'invalid';
        return this.remove(parsed.data.schedulerName, parsed.data.roomId) ? 'removed' : 'unchanged';
      }
      default:
        return 'ignored';
    }
  }

  private add(schedulerName: string, roomId: string): boolean {
    let rooms = this.roomsByScheduler.get(schedulerName);
    if (!rooms) {
      rooms = new Set();
      this.roomsByScheduler.set(schedulerName, rooms);
    }
    if (rooms.has(roomId)) return false;
    rooms.add(roomId);
    this.roomCount++;
    return true;
  }

  private remove(schedulerName: string, roomId: string): boolean {
    const rooms = this.roomsByScheduler.get(schedulerName);
    if (!rooms?.delete(roomId)) return false;
    this.roomCount--;
    // Forget empty schedulers so a deleted scheduler leaves nothing behind.
    if (rooms.size === 0) this.roomsByScheduler.delete(schedulerName);
    return true;
  }
}
