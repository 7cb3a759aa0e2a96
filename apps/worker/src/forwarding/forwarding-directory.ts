import { type EventStore, type ForwardedRoomPort, toSchedulerEvent } from '@maestro/application';
import { roomAddressAssignedV1, roomCreatedV1 } from '@maestro/contracts';
import {
  evolveScheduler,
  type Forwarder,
  initialSchedulerStreamState,
  roomStreamId,
  schedulerStreamId,
} from '@maestro/domain';

export interface ForwardingScheduler {
  readonly game: string;
  readonly forwarders: readonly Forwarder[];
}

export interface ForwardingRoomDetails {
  readonly isValidationRoom: boolean;
  /** Host ports drawn at creation. */
  readonly ports: readonly ForwardedRoomPort[];
  /** Where the runtime placed the room, once reported (`RoomAddressAssigned`). */
  readonly address?: { readonly host: string; readonly ports: readonly ForwardedRoomPort[] };
}

export interface ForwardingDirectoryOptions {
  /** How long a scheduler read from the store is reused (Maestro's scheduler cache: 120 s). */
  readonly schedulerTtlMs: number;
  readonly now: () => number;
}

/**
 * What forwarding needs of schedulers and rooms, read from the event store (the truth; Kafka
 * messages only say something changed) and cached: a scheduler for a while or until a
 * `scheduler-events` message names it, a room until one of its events arrives. A deleted room's
 * stream still holds its creation, so its ports are known when its `terminated` goes out.
 */
export class ForwardingDirectory {
  private readonly schedulers = new Map<string, { value?: ForwardingScheduler; expiresAt: number }>();
  private readonly rooms = new Map<string, ForwardingRoomDetails | undefined>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly options: ForwardingDirectoryOptions,
  ) {}

  async scheduler(name: string): Promise<ForwardingScheduler | undefined> {
    const cached = this.schedulers.get(name);
    if (cached && cached.expiresAt > this.options.now()) return cached.value;
    let state = initialSchedulerStreamState;
    for (const event of await this.eventStore.readStream(schedulerStreamId(name))) {
      const schedulerEvent = toSchedulerEvent(event.type, event.schemaVersion, event.data);
      if (schedulerEvent) state = evolveScheduler(state, schedulerEvent);
    }
    const value = state.exists
      ? { game: state.scheduler.game, forwarders: state.scheduler.forwarders }
      : undefined;
    this.schedulers.set(name, { value, expiresAt: this.options.now() + this.options.schedulerTtlMs });
    return value;
  }

  async room(schedulerName: string, roomId: string): Promise<ForwardingRoomDetails | undefined> {
    const key = roomStreamId(schedulerName, roomId);
    if (this.rooms.has(key)) return this.rooms.get(key);
    let details: ForwardingRoomDetails | undefined;
    for (const event of await this.eventStore.readStream(key)) {
      if (event.type === roomCreatedV1.type && event.schemaVersion === roomCreatedV1.version) {
        const created = roomCreatedV1.schema.parse(event.data);
        details = {
          isValidationRoom: created.isValidationRoom,
          ports: created.ports.map((port) => ({
            name: port.name,
            protocol: port.protocol,
            port: port.hostPort,
          })),
        };
      } else if (
        details &&
        event.type === roomAddressAssignedV1.type &&
        event.schemaVersion === roomAddressAssignedV1.version
      ) {
        const assigned = roomAddressAssignedV1.schema.parse(event.data);
        details = { ...details, address: { host: assigned.host, ports: assigned.ports } };
      }
    }
    // Only found rooms are kept: a ping can arrive before the room's events are readable.
    if (details) this.rooms.set(key, details);
    return details;
  }

  forgetScheduler(name: string): void {
    this.schedulers.delete(name);
  }

  forgetRoom(schedulerName: string, roomId: string): void {
    this.rooms.delete(roomStreamId(schedulerName, roomId));
  }
}
