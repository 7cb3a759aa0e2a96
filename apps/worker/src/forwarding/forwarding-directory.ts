import {
  type EventStore,
  type ForwardedRoomPort,
  type RecordedEvent,
  toSchedulerEvent,
} from '@maestro/application';
import {
  roomAddressAssignedV1,
  roomAllocatedV1,
  roomCreatedV1,
  roomStatusChangedV1,
} from '@maestro/contracts';
import {
  evolveGameRoom,
  evolveScheduler,
  type Forwarder,
  type GameRoom,
  initialSchedulerStreamState,
  roomStreamId,
  schedulerStreamId,
} from '@maestro/domain';

export interface ForwardingScheduler {
  readonly game: string;
  readonly forwarders: readonly Forwarder[];
  /** `matchAllocation.maxMatches`: pings are judged with it, as the worker judges them. */
  readonly maxMatches: number;
}

export interface ForwardingRoomDetails {
  readonly isValidationRoom: boolean;
  /** Host ports drawn at creation. */
  readonly ports: readonly ForwardedRoomPort[];
  /** Where the runtime placed the room, once reported (`RoomAddressAssigned`). */
  readonly address?: { readonly host: string; readonly ports: readonly ForwardedRoomPort[] };
  /**
   * The room as its events left it (status, instance status, allocation), to judge a ping on. A
   * deleted room keeps its last state: a ping sent before the deletion is judged on it.
   */
  readonly room: GameRoom;
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
      ? {
          game: state.scheduler.game,
          forwarders: state.scheduler.forwarders,
          maxMatches: state.scheduler.matchAllocation.maxMatches,
        }
      : undefined;
    this.schedulers.set(name, { value, expiresAt: this.options.now() + this.options.schedulerTtlMs });
    return value;
  }

  async room(schedulerName: string, roomId: string): Promise<ForwardingRoomDetails | undefined> {
    const key = roomStreamId(schedulerName, roomId);
    if (this.rooms.has(key)) return this.rooms.get(key);
    let details: ForwardingRoomDetails | undefined;
    for (const event of await this.eventStore.readStream(key)) details = withEvent(details, event);
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

/** Folds one of a room's stored events into what forwarding knows of it. */
function withEvent(
  details: ForwardingRoomDetails | undefined,
  event: RecordedEvent,
): ForwardingRoomDetails | undefined {
  if (event.type === roomCreatedV1.type && event.schemaVersion === roomCreatedV1.version) {
    const created = roomCreatedV1.schema.parse(event.data);
    const room = evolveGameRoom(undefined, { type: 'RoomCreated', data: created });
    return (
      room && {
        isValidationRoom: created.isValidationRoom,
        ports: created.ports.map((port) => ({
          name: port.name,
          protocol: port.protocol,
          port: port.hostPort,
        })),
        room,
      }
    );
  }
  if (!details) return details;
  if (event.type === roomAddressAssignedV1.type && event.schemaVersion === roomAddressAssignedV1.version) {
    const assigned = roomAddressAssignedV1.schema.parse(event.data);
    return { ...details, address: { host: assigned.host, ports: assigned.ports } };
  }
  if (event.type === roomStatusChangedV1.type && event.schemaVersion === roomStatusChangedV1.version) {
    const change = roomStatusChangedV1.schema.parse(event.data);
    const room = evolveGameRoom(details.room, { type: 'RoomStatusChanged', data: change });
    return room ? { ...details, room } : details;
  }
  if (event.type === roomAllocatedV1.type && event.schemaVersion === roomAllocatedV1.version) {
    // As the worker takes it in (FleetController.observeAllocation): allocated from `allocatedAt`.
    const { allocatedAt } = roomAllocatedV1.schema.parse(event.data);
    return { ...details, room: { ...details.room, status: 'allocated', allocatedAt } };
  }
  return details;
}
