import { type Randomness } from '@maestro/application';
import { roomAllocatedV1, type EventData } from '@maestro/contracts';
import { roomStreamId } from '@maestro/domain';
import {
  type PendingAllocationEvent,
  type RoomAllocationsRepository,
  type StoredRoomPort,
} from '@maestro/persistence';
import { type DataSource } from 'typeorm';
import {
  type AllocatedRoom,
  type AllocatedRoomPort,
  type AllocationWindow,
  AllocationUnavailableError,
  RoomBatchAllocator,
} from './room-allocator.port';

export interface PostgresRoomAllocatorOptions {
  readonly randomness: Randomness;
  /** `metadata.source` of the `RoomAllocated` events (the outbox relay's `ce_source`). */
  readonly source: string;
  /** Resolves once the database is connected and migrated; until then allocation is unavailable. */
  readonly databaseReady: Promise<void>;
  /** Tries of one batch when it collides with another writer of a room's stream. */
  readonly attempts?: number;
}

/** Postgres error codes of a statement that lost a race and may simply run again. */
const deadlockDetected = '40P01';
const serializationFailure = '40001';
const uniqueViolation = '23505';
const streamVersionConstraint = 'events_stream_version_unique';

/** `RoomAllocated`'s data before the room is picked. */
type AllocationData = Omit<EventData<typeof roomAllocatedV1>, 'roomId'>;

/**
 * The allocator on the shared Postgres: one statement per batch picks the oldest ready rooms with
 * `FOR UPDATE SKIP LOCKED` (concurrent allocators, in any process, skip them instead of waiting),
 * records the allocations, turns the rooms `allocated` in the `rooms` read model and appends
 * `RoomAllocated` to each room's stream with its outbox row: all of it, or none.
 */
export class PostgresRoomAllocator extends RoomBatchAllocator {
  private connected = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly allocations: RoomAllocationsRepository,
    private readonly options: PostgresRoomAllocatorOptions,
  ) {
    super();
    void options.databaseReady.then(() => {
      this.connected = true;
    });
  }

  async allocateBatch(
    schedulerName: string,
    windows: readonly AllocationWindow[],
  ): Promise<readonly AllocatedRoom[]> {
    if (!this.connected)
      throw new AllocationUnavailableError('the rooms API is not connected to its database yet');
    const attempts = this.options.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        const rooms = await this.allocations.allocateReadyRooms(this.dataSource, {
          schedulerName,
          wanted: windows.map((window) => ({ ...window, event: this.roomAllocated(schedulerName, window) })),
          roomStreamPrefix: roomStreamId(schedulerName, ''),
        });
        return rooms.map((room) => ({
          roomId: room.roomId,
          ports: room.ports.map(toAllocatedPort),
          host: room.host ?? '',
        }));
      } catch (error) {
        // The worker appends to a room's stream without looking at the row lock; when both write at
        // once the statement fails whole, and a new pick is as good as the first.
        if (attempt >= attempts || !isLostRace(error)) throw error;
      }
    }
  }

  private roomAllocated(schedulerName: string, window: AllocationWindow): PendingAllocationEvent {
    const data: AllocationData = {
      schedulerName,
      allocatedAt: window.allocatedAt.toISOString(),
      expiresAt: window.expiresAt.toISOString(),
    };
    return {
      eventId: this.options.randomness.uuid(),
      type: roomAllocatedV1.type,
      schemaVersion: roomAllocatedV1.version,
      data,
      metadata: { subject: schedulerName, source: this.options.source },
    };
  }
}

function toAllocatedPort(port: StoredRoomPort): AllocatedRoomPort {
  return { name: port.name, protocol: port.protocol.toUpperCase(), port: port.hostPort };
}

function isLostRace(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } } | undefined)
    ?.driverError;
  const code = driverError?.code;
  return (
    code === deadlockDetected ||
    code === serializationFailure ||
    (code === uniqueViolation && driverError?.constraint === streamVersionConstraint)
  );
}
