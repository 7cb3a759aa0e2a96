import { BatchingRoomAllocator } from './batching-room-allocator';
import {
  type AllocatedRoom,
  type AllocationRequest,
  type AllocationWindow,
  type RoomBatchAllocator,
} from './room-allocator.port';

/** A room for the harness to create, ready unless said otherwise. */
export interface SeededRoom {
  readonly schedulerName: string;
  readonly roomId: string;
  readonly createdAt: string;
  readonly status?: 'ready' | 'occupied' | 'pending';
  readonly isValidationRoom?: boolean;
  /** Host ports, `protocol` lower-case as scheduler specs write it. */
  readonly ports?: readonly {
    readonly name: string;
    readonly protocol: 'tcp' | 'udp';
    readonly hostPort: number;
  }[];
  /** The node address the runtime reported, if any. */
  readonly host?: string;
}

export interface RoomAllocatorHarness {
  readonly allocator: RoomBatchAllocator;
  seed(rooms: readonly SeededRoom[]): Promise<void>;
}

const allocatedAt = new Date('2026-01-01T00:00:00.000Z');
const request = (schedulerName: string): AllocationRequest => ({
  schedulerName,
  allocatedAt,
  expiresAt: new Date(allocatedAt.getTime() + 300_000),
});

/** One request at a time, as the allocate route asks, through the service's batching front. */
const one = (harness: RoomAllocatorHarness) => new BatchingRoomAllocator(harness.allocator);

const window: AllocationWindow = { allocatedAt, expiresAt: new Date(allocatedAt.getTime() + 300_000) };

/**
 * What every `RoomBatchAllocator` does, alone and behind the `BatchingRoomAllocator` the service
 * puts in front of it, so the in-memory one the unit tests use and the Postgres one
 * the service runs cannot drift apart. `start` gives a fresh, empty harness with a unique
 * scheduler name prefix so suites over one database never meet.
 */
export function roomAllocatorContract(
  name: string,
  start: () => Promise<RoomAllocatorHarness>,
  schedulerPrefix: () => string,
): void {
  describe(`${name} (RoomBatchAllocator contract)`, () => {
    it('hands out the oldest ready room with its host ports and address', async () => {
      const harness = await start();
      const scheduler = schedulerPrefix();
      await harness.seed([
        { schedulerName: scheduler, roomId: 'room-young', createdAt: '2026-01-01T00:00:02.000Z' },
        {
          schedulerName: scheduler,
          roomId: 'room-old',
          createdAt: '2026-01-01T00:00:01.000Z',
          ports: [{ name: 'game', protocol: 'udp', hostPort: 30_001 }],
          host: 'node-1.example',
        },
      ]);
      const room = await one(harness).allocate(request(scheduler));
      expect(room).toEqual<AllocatedRoom>({
        roomId: 'room-old',
        ports: [{ name: 'game', protocol: 'UDP', port: 30_001 }],
        host: 'node-1.example',
      });
    });

    it('never hands out a room twice, then finds none ready', async () => {
      const harness = await start();
      const scheduler = schedulerPrefix();
      await harness.seed(
        ['a', 'b', 'c'].map((id, index) => ({
          schedulerName: scheduler,
          roomId: `room-${id}`,
          createdAt: `2026-01-01T00:00:0${index}.000Z`,
        })),
      );
      const handedOut = [];
      for (let i = 0; i < 3; i++) handedOut.push((await one(harness).allocate(request(scheduler)))?.roomId);
      expect(handedOut).toEqual(['room-a', 'room-b', 'room-c']);
      await expect(one(harness).allocate(request(scheduler))).resolves.toBeUndefined();
    });

    it('skips rooms that are not ready, validation rooms and other schedulers’ rooms', async () => {
      const harness = await start();
      const scheduler = schedulerPrefix();
      const other = `${scheduler}-other`;
      await harness.seed([
        {
          schedulerName: scheduler,
          roomId: 'occupied',
          createdAt: '2026-01-01T00:00:00.000Z',
          status: 'occupied',
        },
        {
          schedulerName: scheduler,
          roomId: 'pending',
          createdAt: '2026-01-01T00:00:00.000Z',
          status: 'pending',
        },
        {
          schedulerName: scheduler,
          roomId: 'validation',
          createdAt: '2026-01-01T00:00:00.000Z',
          isValidationRoom: true,
        },
        { schedulerName: other, roomId: 'elsewhere', createdAt: '2026-01-01T00:00:00.000Z' },
      ]);
      await expect(one(harness).allocate(request(scheduler))).resolves.toBeUndefined();
    });

    it('answers an empty host while the runtime has not placed the room', async () => {
      const harness = await start();
      const scheduler = schedulerPrefix();
      await harness.seed([
        { schedulerName: scheduler, roomId: 'unplaced', createdAt: '2026-01-01T00:00:00.000Z' },
      ]);
      await expect(one(harness).allocate(request(scheduler))).resolves.toEqual({
        roomId: 'unplaced',
        ports: [],
        host: '',
      });
    });

    it('hands a batch distinct rooms, oldest first, one per window, and fewer once none is left', async () => {
      const harness = await start();
      const scheduler = schedulerPrefix();
      await harness.seed(
        ['c', 'a', 'b'].map((id) => ({
          schedulerName: scheduler,
          roomId: `room-${id}`,
          createdAt: `2026-01-01T00:00:0${'abc'.indexOf(id)}.000Z`,
        })),
      );
      const first = await harness.allocator.allocateBatch(scheduler, [window, window]);
      expect(first.map((room) => room.roomId)).toEqual(['room-a', 'room-b']);
      const second = await harness.allocator.allocateBatch(scheduler, [window, window, window]);
      expect(second.map((room) => room.roomId)).toEqual(['room-c']);
      await expect(harness.allocator.allocateBatch(scheduler, [window])).resolves.toEqual([]);
    });

    it('serves concurrent requests each with its own room until none is ready', async () => {
      const harness = await start();
      const scheduler = schedulerPrefix();
      const rooms = 24;
      await harness.seed(
        Array.from({ length: rooms }, (_, index) => ({
          schedulerName: scheduler,
          roomId: `room-${String(index).padStart(2, '0')}`,
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, index)).toISOString(),
        })),
      );
      const front = one(harness);
      const answers = await Promise.all(
        Array.from({ length: rooms + 8 }, () => front.allocate(request(scheduler))),
      );
      const handedOut = answers.flatMap((room) => (room ? [room.roomId] : []));
      expect(new Set(handedOut).size).toBe(rooms);
      // Arrival order is served first: the late askers are the ones told no room is ready.
      expect(answers.slice(rooms)).toEqual(Array.from({ length: 8 }, () => undefined));
    });
  });
}
