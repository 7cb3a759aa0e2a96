import { type Randomness } from '@maestro/application';
import { roomAllocatedV1, type EventData } from '@maestro/contracts';
import { roomStreamId } from '@maestro/domain';
import { type PostgresEventStore } from '@maestro/event-store';
import { type RoomAllocationsRepository, type StoredRoomPort } from '@maestro/persistence';
import { type DataSource, type EntityManager } from 'typeorm';
import {
  type AllocatedRoom,
  type AllocatedRoomPort,
  type AllocationRequest,
  AllocationUnavailableError,
  RoomAllocator,
} from './room-allocator.port';

export interface PostgresRoomAllocatorOptions {
  readonly randomness: Randomness;
  /** `metadata.source` of the `RoomAllocated` events (the outbox relay's `ce_source`). */
  readonly source: string;
  /** Resolves once the database is connected and migrated; until then allocation is unavailable. */
  readonly databaseReady: Promise<void>;
  /** Tries of one allocation when it collides with another writer of the room's stream. */
  readonly attempts?: number;
}

/** Postgres error codes of a transaction that lost a race and may simply run again. */
const deadlockDetected = '40P01';
const serializationFailure = '40001';
const uniqueViolation = '23505';
const streamVersionConstraint = 'events_stream_version_unique';

/**
 * The allocator on the shared Postgres. One transaction picks the oldest ready room with
 * `FOR UPDATE SKIP LOCKED` (concurrent allocators, in any process, skip it instead of waiting),
 * records the allocation, turns the room `allocated` in the `rooms` read model (one statement) and appends
 * `RoomAllocated` to the room's stream with its outbox row: all of it commits, or none.
 */
export class PostgresRoomAllocator extends RoomAllocator {
  private connected = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: PostgresEventStore,
    private readonly allocations: RoomAllocationsRepository,
    private readonly options: PostgresRoomAllocatorOptions,
  ) {
    super();
    void options.databaseReady.then(() => {
      this.connected = true;
    });
  }

  async allocate(request: AllocationRequest): Promise<AllocatedRoom | undefined> {
    if (!this.connected)
      throw new AllocationUnavailableError('the rooms API is not connected to its database yet');
    const attempts = this.options.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((manager) => this.allocateIn(manager, request));
      } catch (error) {
        // The worker appends to a room's stream without looking at the row lock; when both write at
        // once one transaction is rolled back, and a new pick is as good as the first.
        if (attempt >= attempts || !isLostRace(error)) throw error;
      }
    }
  }

  private async allocateIn(
    manager: EntityManager,
    { schedulerName, allocatedAt, expiresAt }: AllocationRequest,
  ): Promise<AllocatedRoom | undefined> {
    const room = await this.allocations.takeReadyRoom(
      manager,
      { schedulerName, allocatedAt, expiresAt },
      roomStreamId(schedulerName, ''),
    );
    if (!room) return undefined;
    const data: EventData<typeof roomAllocatedV1> = {
      schedulerName,
      roomId: room.roomId,
      allocatedAt: allocatedAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
    };
    await this.eventStore.appendInTransaction(manager, roomStreamId(schedulerName, room.roomId), 'any', [
      {
        eventId: this.options.randomness.uuid(),
        type: roomAllocatedV1.type,
        schemaVersion: roomAllocatedV1.version,
        data,
        metadata: { subject: schedulerName, source: this.options.source },
      },
    ]);
    return { roomId: room.roomId, ports: room.ports.map(toAllocatedPort), host: room.host ?? '' };
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
