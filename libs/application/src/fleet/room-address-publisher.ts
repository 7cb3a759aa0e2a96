import { roomAddressAssignedV1 } from '@maestro/contracts';
import { type GameRoom } from '@maestro/domain';
import { type Clock } from '../ports/clock.port';
import { type NewEvent } from '../ports/event-store.port';
import { type RoomInstance } from '../ports/game-room-runtime.port';
import { type Randomness } from '../ports/randomness.port';

/** A `RoomAddressAssigned` to append; `stored` once it is, so the same address is not sent again. */
export interface AddressChange {
  readonly event: NewEvent;
  stored(): void;
}

/**
 * Decides when to publish where clients reach a room (`RoomAddressAssigned` on its stream): once
 * the runtime placed it, and again only when that changes; the rooms API answers the address and
 * allocate endpoints from it. The caller appends the event (with the room's other events of the
 * moment). Remembers the last address per room in memory: after a restart a room's address is
 * published once more, which readers take as the same fact again.
 */
export class RoomAddressPublisher {
  private readonly published = new Map<string, string>();

  constructor(
    private readonly clock: Clock,
    private readonly randomness: Randomness,
  ) {}

  /** The event telling the instance's address, if the room has one it has not told yet. */
  change(room: GameRoom, instance: RoomInstance): AddressChange | undefined {
    const address = instance.address;
    if (!address?.host) return undefined;
    const ports = address.ports.map((port) => ({
      name: port.name,
      protocol: port.protocol,
      port: port.hostPort,
    }));
    const key = JSON.stringify([address.host, ports]);
    if (this.published.get(room.roomId) === key) return undefined;
    return {
      event: {
        eventId: this.randomness.uuid(),
        type: roomAddressAssignedV1.type,
        schemaVersion: roomAddressAssignedV1.version,
        data: {
          schedulerName: room.schedulerName,
          roomId: room.roomId,
          host: address.host,
          ports,
          assignedAt: this.clock.now().toISOString(),
        },
        metadata: { subject: room.schedulerName, source: 'maestro/worker' },
      },
      stored: () => {
        this.published.set(room.roomId, key);
      },
    };
  }

  /** The room is gone: a room of the same id later is published afresh. */
  forget(roomId: string): void {
    this.published.delete(roomId);
  }
}
