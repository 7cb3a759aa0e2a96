import { type ForwardedRoomPort } from '@maestro/application';
import {
  type EventEnvelope,
  roomAddressAssignedV1,
  roomCreatedV1,
  roomDeletedV1,
  topics,
} from '@maestro/contracts';
import { type TopicView, type ViewChange } from './topic-view';

/** What the rooms API knows of a room beyond its existence. */
export interface RoomDetails {
  readonly isValidationRoom: boolean;
  /** The room's host ports, from its creation (every container port gets one). */
  readonly ports: readonly ForwardedRoomPort[];
  /** Where the runtime placed it, once the worker reported it (`RoomAddressAssigned`). */
  readonly address?: { readonly host: string; readonly ports: readonly ForwardedRoomPort[] };
}

/**
 * Details of the rooms that exist, folded from `room-events`: ports and the validation flag from
 * `RoomCreated`, the address from `RoomAddressAssigned`, gone with `RoomDeleted`. Kept apart from
 * `KnownRooms`, which the ping path probes and which stays a set of names.
 */
export class RoomDirectory implements TopicView {
  readonly name = 'room-directory';
  readonly topic = topics.roomEvents;
  private readonly rooms = new Map<string, Map<string, RoomDetails>>();

  get(schedulerName: string, roomId: string): RoomDetails | undefined {
    return this.rooms.get(schedulerName)?.get(roomId);
  }

  apply(envelope: EventEnvelope): ViewChange {
    switch (envelope.type) {
      case roomCreatedV1.type: {
        if (envelope.schemaVersion !== roomCreatedV1.version) return 'invalid';
        const parsed = roomCreatedV1.schema.safeParse(envelope.data);
        if (!parsed.success) return 'invalid';
        const { schedulerName, roomId, ports, isValidationRoom } = parsed.data;
        const existing = this.get(schedulerName, roomId);
        this.set(schedulerName, roomId, {
          ...existing,
          isValidationRoom,
          ports: ports.map((port) => ({ name: port.name, protocol: port.protocol, port: port.hostPort })),
        });
        return 'changed';
      }
      case roomAddressAssignedV1.type: {
        if (envelope.schemaVersion !== roomAddressAssignedV1.version) return 'invalid';
        const parsed = roomAddressAssignedV1.schema.safeParse(envelope.data);
        if (!parsed.success) return 'invalid';
        const { schedulerName, roomId, host, ports } = parsed.data;
        const existing = this.get(schedulerName, roomId);
        // An address for a room deleted meanwhile (or never created) is left out.
        if (!existing) return 'unchanged';
        this.set(schedulerName, roomId, { ...existing, address: { host, ports } });
        return 'changed';
      }
      case roomDeletedV1.type: {
        if (envelope.schemaVersion !== roomDeletedV1.version) return 'invalid';
        const parsed = roomDeletedV1.schema.safeParse(envelope.data);
        if (!parsed.success) return 'invalid';
        return this.remove(parsed.data.schedulerName, parsed.data.roomId) ? 'changed' : 'unchanged';
      }
      default:
        return 'ignored';
    }
  }

  private set(schedulerName: string, roomId: string, details: RoomDetails): void {
    let rooms = this.rooms.get(schedulerName);
    if (!rooms) {
      rooms = new Map();
      this.rooms.set(schedulerName, rooms);
    }
    rooms.set(roomId, details);
  }

  private remove(schedulerName: string, roomId: string): boolean {
    const rooms = this.rooms.get(schedulerName);
    if (!rooms?.delete(roomId)) return false;
    if (rooms.size === 0) this.rooms.delete(schedulerName);
    return true;
  }
}
