import { BatchingRoomAllocator } from './batching-room-allocator';
import {
  type AllocatedRoom,
  type AllocationRequest,
  type AllocationWindow,
  RoomBatchAllocator,
} from './room-allocator.port';

interface HeldBatch {
  readonly schedulerName: string;
  readonly windows: readonly AllocationWindow[];
  answer(rooms: readonly AllocatedRoom[]): void;
  fail(error: Error): void;
}

/** Keeps every batch it is asked for open until the test answers it, as a slow database would. */
class HeldBatchAllocator extends RoomBatchAllocator {
  readonly batches: HeldBatch[] = [];

  allocateBatch(
    schedulerName: string,
    windows: readonly AllocationWindow[],
  ): Promise<readonly AllocatedRoom[]> {
    return new Promise((resolve, reject) => {
      this.batches.push({ schedulerName, windows, answer: resolve, fail: reject });
    });
  }
}

const at = (second: number): AllocationRequest => ({
  schedulerName: 'arena',
  allocatedAt: new Date(Date.UTC(2026, 2, 1, 12, 0, second)),
  expiresAt: new Date(Date.UTC(2026, 2, 1, 12, 5, second)),
});

const room = (roomId: string): AllocatedRoom => ({ roomId, ports: [], host: '' });

/** Lets the allocator's continuation (the next batch) run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchingRoomAllocator', () => {
  it('sends a lone request at the end of the turn, in a batch of its own', async () => {
    const database = new HeldBatchAllocator();
    const answer = new BatchingRoomAllocator(database).allocate(at(1));
    await settle();
    expect(database.batches.map((batch) => batch.windows.length)).toEqual([1]);
    database.batches[0]?.answer([room('room-1')]);
    await expect(answer).resolves.toEqual(room('room-1'));
  });

  it('sends the requests of one turn of the event loop together', async () => {
    const database = new HeldBatchAllocator();
    const allocator = new BatchingRoomAllocator(database);
    const answers = [allocator.allocate(at(1)), allocator.allocate(at(2))];
    await settle();
    expect(database.batches.map((batch) => batch.windows.length)).toEqual([2]);
    database.batches[0]?.answer([room('room-1'), room('room-2')]);
    await expect(Promise.all(answers)).resolves.toEqual([room('room-1'), room('room-2')]);
  });

  it('gathers the requests that arrive while a batch is out into the next one, in arrival order', async () => {
    const database = new HeldBatchAllocator();
    const allocator = new BatchingRoomAllocator(database);
    const first = allocator.allocate(at(1));
    await settle();
    const later = [allocator.allocate(at(2)), allocator.allocate(at(3)), allocator.allocate(at(4))];
    expect(database.batches).toHaveLength(1);
    database.batches[0]?.answer([room('room-1')]);
    await settle();
    expect(database.batches[1]?.windows).toEqual(
      [at(2), at(3), at(4)].map(({ allocatedAt, expiresAt }) => ({ allocatedAt, expiresAt })),
    );
    // The scheduler had two rooms left: the last to ask gets none.
    database.batches[1]?.answer([room('room-2'), room('room-3')]);
    await expect(first).resolves.toEqual(room('room-1'));
    await expect(Promise.all(later)).resolves.toEqual([room('room-2'), room('room-3'), undefined]);
  });

  it('serves no more than the largest batch at once, and the rest next', async () => {
    const database = new HeldBatchAllocator();
    const allocator = new BatchingRoomAllocator(database, { maxBatchSize: 2 });
    const answers = [1, 2, 3, 4, 5].map((second) => allocator.allocate(at(second)));
    await settle();
    database.batches[0]?.answer([room('a'), room('b')]);
    await settle();
    database.batches[1]?.answer([room('c'), room('d')]);
    await settle();
    database.batches[2]?.answer([room('e')]);
    expect(database.batches.map((batch) => batch.windows.length)).toEqual([2, 2, 1]);
    await expect(Promise.all(answers)).resolves.toEqual(['a', 'b', 'c', 'd', 'e'].map(room));
  });

  it('batches schedulers apart and runs them side by side', async () => {
    const database = new HeldBatchAllocator();
    const allocator = new BatchingRoomAllocator(database);
    void allocator.allocate(at(1));
    void allocator.allocate({ ...at(1), schedulerName: 'lobby' });
    await settle();
    expect(database.batches.map((batch) => batch.schedulerName)).toEqual(['arena', 'lobby']);
  });

  it('fails every request of a failed batch, and serves the next batch as usual', async () => {
    const database = new HeldBatchAllocator();
    const allocator = new BatchingRoomAllocator(database);
    const first = allocator.allocate(at(1));
    await settle();
    const second = allocator.allocate(at(2));
    database.batches[0]?.fail(new Error('connection reset'));
    await expect(first).rejects.toThrow('connection reset');
    await settle();
    database.batches[1]?.answer([room('room-1')]);
    await expect(second).resolves.toEqual(room('room-1'));
  });

  it('starts afresh once a scheduler has nobody waiting', async () => {
    const database = new HeldBatchAllocator();
    const allocator = new BatchingRoomAllocator(database);
    const first = allocator.allocate(at(1));
    await settle();
    database.batches[0]?.answer([room('room-1')]);
    await first;
    await settle();
    const again = allocator.allocate(at(2));
    await settle();
    expect(database.batches).toHaveLength(2);
    database.batches[1]?.answer([]);
    await expect(again).resolves.toBeUndefined();
  });
});
