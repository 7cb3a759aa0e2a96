import { SystemRandomness } from '@maestro/application';
import { roomAllocatedV1 } from '@maestro/contracts';
import { PostgresEventStore } from '@maestro/event-store';
import { openDatabase, RoomAllocationsRepository } from '@maestro/persistence';
import { createTestDatabase, type TestDatabase } from '@maestro/testing';
import { type DataSource } from 'typeorm';
import { BatchingRoomAllocator } from './batching-room-allocator';
import { PostgresRoomAllocator } from './postgres-room-allocator.adapter';
import { AllocationUnavailableError, type AllocationRequest } from './room-allocator.port';
import { roomAllocatorContract } from './room-allocator.contract';
import { seedRooms } from './room-seeding.fixture';

let database: TestDatabase;
let dataSource: DataSource;
let schedulers = 0;

beforeAll(async () => {
  database = await createTestDatabase('allocation');
  // As many connections as the concurrency test has allocators, so none waits for the pool.
  dataSource = await openDatabase({ url: database.url, poolSize: 16 });
});

afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

function allocator(databaseReady: Promise<void> = Promise.resolve()): PostgresRoomAllocator {
  return new PostgresRoomAllocator(dataSource, new RoomAllocationsRepository(), {
    randomness: new SystemRandomness(),
    source: 'maestro/room-ping-ingest',
    databaseReady,
  });
}

/** A started allocator: it takes the database-ready promise's resolution on the next tick. */
async function readyAllocator(): Promise<PostgresRoomAllocator> {
  const started = allocator();
  await Promise.resolve();
  return started;
}

/** A started allocator behind the batching front, as one service instance runs it. */
async function serviceAllocator(): Promise<BatchingRoomAllocator> {
  return new BatchingRoomAllocator(await readyAllocator());
}

const request = (schedulerName: string, allocatedAt = new Date(), ttlMs = 300_000): AllocationRequest => ({
  schedulerName,
  allocatedAt,
  expiresAt: new Date(allocatedAt.getTime() + ttlMs),
});

function readyRooms(schedulerName: string, count: number) {
  return Array.from({ length: count }, (_, index) => ({
    schedulerName,
    roomId: `room-${String(index).padStart(4, '0')}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, index)).toISOString(),
  }));
}

roomAllocatorContract(
  'PostgresRoomAllocator on real Postgres',
  async () => ({ allocator: await readyAllocator(), seed: (rooms) => seedRooms(dataSource, rooms) }),
  () => `contract-${++schedulers}`,
);

describe('PostgresRoomAllocator', () => {
  it('hands each of N ready rooms to exactly one of 16 callers over two service instances, then none', async () => {
    const scheduler = 'concurrent';
    const rooms = 64;
    await seedRooms(dataSource, readyRooms(scheduler, rooms));
    // Two instances batch apart and meet only in the database, as two rooms API processes do.
    const [first, second] = [await serviceAllocator(), await serviceAllocator()];
    // Every caller keeps asking until it is told no room is ready.
    const callers = Array.from({ length: 16 }, async (_, caller) => {
      const instance = caller % 2 === 0 ? first : second;
      const mine: string[] = [];
      for (;;) {
        const room = await instance.allocate(request(scheduler));
        if (!room) return mine;
        mine.push(room.roomId);
      }
    });
    const handedOut = (await Promise.all(callers)).flat();
    expect(handedOut).toHaveLength(rooms);
    expect(new Set(handedOut).size).toBe(rooms);
    await expect(first.allocate(request(scheduler))).resolves.toBeUndefined();
  });

  it('gives concurrent whole batches distinct rooms, each recorded with its own window', async () => {
    const scheduler = 'batches';
    await seedRooms(dataSource, readyRooms(scheduler, 12));
    const rooms = await readyAllocator();
    const windowAt = (minute: number) => ({
      allocatedAt: new Date(Date.UTC(2026, 1, 1, 10, minute)),
      expiresAt: new Date(Date.UTC(2026, 1, 1, 11, minute)),
    });
    const batches = await Promise.all(
      [0, 1, 2].map((batch) =>
        rooms.allocateBatch(scheduler, [
          windowAt(batch * 10),
          windowAt(batch * 10 + 1),
          windowAt(batch * 10 + 2),
        ]),
      ),
    );
    const handedOut = batches.flat().map((room) => room.roomId);
    expect(new Set(handedOut).size).toBe(9);
    const recorded = await dataSource.query<{ room_id: string; allocated_at: Date; expires_at: Date }[]>(
      'SELECT room_id, allocated_at, expires_at FROM room_allocations WHERE scheduler_name = $1',
      [scheduler],
    );
    const byRoom = new Map(recorded.map((row) => [row.room_id, row]));
    for (const [batchIndex, batch] of batches.entries()) {
      for (const [index, room] of batch.entries()) {
        const window = windowAt(batchIndex * 10 + index);
        expect(byRoom.get(room.roomId)).toMatchObject({
          allocated_at: window.allocatedAt,
          expires_at: window.expiresAt,
        });
      }
    }
    const events = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM events e JOIN outbox o USING (global_position)
       WHERE e.stream_id LIKE $1 AND e.type = 'RoomAllocated'`,
      [`room:${scheduler}/%`],
    );
    expect(events[0]?.n).toBe(9);
  });

  it('marks the room allocated, records until when, and appends RoomAllocated with its outbox row', async () => {
    const scheduler = 'recorded';
    await seedRooms(dataSource, readyRooms(scheduler, 1));
    const allocatedAt = new Date('2026-02-01T10:00:00.000Z');
    const room = await (await serviceAllocator()).allocate(request(scheduler, allocatedAt, 60_000));
    expect(room?.roomId).toBe('room-0000');
    const [row] = await dataSource.query<{ status: string }[]>(
      'SELECT status FROM rooms WHERE scheduler_name = $1',
      [scheduler],
    );
    expect(row?.status).toBe('allocated');
    const [allocation] = await dataSource.query<{ allocated_at: Date; expires_at: Date }[]>(
      'SELECT allocated_at, expires_at FROM room_allocations WHERE scheduler_name = $1',
      [scheduler],
    );
    expect(allocation).toEqual({
      allocated_at: allocatedAt,
      expires_at: new Date('2026-02-01T10:01:00.000Z'),
    });
    const events = await new PostgresEventStore(dataSource).readStream(`room:${scheduler}/room-0000`);
    const last = events.at(-1);
    expect(last).toMatchObject({
      type: roomAllocatedV1.type,
      schemaVersion: 1,
      data: {
        schedulerName: scheduler,
        roomId: 'room-0000',
        allocatedAt: '2026-02-01T10:00:00.000Z',
        expiresAt: '2026-02-01T10:01:00.000Z',
      },
      metadata: { subject: scheduler, source: 'maestro/room-ping-ingest' },
    });
    const outbox = await dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM outbox WHERE global_position = $1',
      [String(last?.globalPosition)],
    );
    expect(outbox[0]?.n).toBe(1);
  });

  it('does not hand out again a room whose ready row predates its live allocation', async () => {
    // A `rooms` row rebuilt from events that know nothing of the allocation says `ready` again.
    const scheduler = 'rebuilt';
    await seedRooms(dataSource, readyRooms(scheduler, 1));
    const rooms = await serviceAllocator();
    await rooms.allocate(request(scheduler));
    await dataSource.query(
      "UPDATE rooms SET status = 'ready', updated_at = '2026-01-01T00:00:00Z' WHERE scheduler_name = $1",
      [scheduler],
    );
    await expect(rooms.allocate(request(scheduler))).resolves.toBeUndefined();
  });

  it('hands a room out again once it became ready after its allocation (its match ended)', async () => {
    const scheduler = 'reused';
    await seedRooms(dataSource, readyRooms(scheduler, 1));
    const rooms = await serviceAllocator();
    const allocatedAt = new Date('2026-02-01T10:00:00.000Z');
    await rooms.allocate(request(scheduler, allocatedAt));
    // The worker saw the room occupied, then ready again: its status changed after the allocation.
    await dataSource.query(
      "UPDATE rooms SET status = 'ready', updated_at = '2026-02-01T10:02:00Z' WHERE scheduler_name = $1",
      [scheduler],
    );
    const again = await rooms.allocate(request(scheduler, new Date('2026-02-01T10:03:00.000Z')));
    expect(again?.roomId).toBe('room-0000');
  });

  it('is unavailable until the database is connected and migrated', async () => {
    const waiting = new BatchingRoomAllocator(allocator(new Promise(() => undefined)));
    await expect(waiting.allocate(request('anything'))).rejects.toThrow(AllocationUnavailableError);
  });
});
