import {
  type AllocatedRoom,
  type AllocationRequest,
  type AllocationWindow,
  RoomAllocator,
  type RoomBatchAllocator,
} from './room-allocator.port';

interface WaitingRequest {
  readonly window: AllocationWindow;
  readonly resolve: (room: AllocatedRoom | undefined) => void;
  readonly reject: (error: unknown) => void;
}

interface SchedulerQueue {
  readonly waiting: WaitingRequest[];
  /** A batch is in the database, or about to go (the first one waits for the event loop's turn). */
  busy: boolean;
}

export interface BatchingRoomAllocatorOptions {
  /** Most requests one batch serves; the rest wait for the next. */
  readonly maxBatchSize: number;
}

/**
 * Serves concurrent allocations of a scheduler in batches: while one batch is in the database,
 * the requests that arrive wait, and the next batch takes them all at once (group commit). After
 * a quiet spell the first batch leaves at the end of the event loop's turn, with whatever requests
 * were read in that turn, so a lone request waits for nothing but the turn; a busy service pays
 * one statement per batch instead of one per request, and its own concurrent statements no longer
 * skip over each other's locked rooms. Schedulers are batched apart and run side by side. Requests
 * are served in arrival order: the first to ask gets the oldest ready room.
 */
export class BatchingRoomAllocator extends RoomAllocator {
  private readonly queues = new Map<string, SchedulerQueue>();

  constructor(
    private readonly batches: RoomBatchAllocator,
    private readonly options: BatchingRoomAllocatorOptions = { maxBatchSize: 64 },
  ) {
    super();
  }

  allocate({ schedulerName, allocatedAt, expiresAt }: AllocationRequest): Promise<AllocatedRoom | undefined> {
    return new Promise((resolve, reject) => {
      const queue = this.queueOf(schedulerName);
      queue.waiting.push({ window: { allocatedAt, expiresAt }, resolve, reject });
      if (queue.busy) return;
      queue.busy = true;
      // Requests whose sockets were read in the same turn of the event loop join the first batch.
      setImmediate(() => void this.drain(schedulerName, queue));
    });
  }

  private queueOf(schedulerName: string): SchedulerQueue {
    let queue = this.queues.get(schedulerName);
    if (!queue) {
      queue = { waiting: [], busy: false };
      this.queues.set(schedulerName, queue);
    }
    return queue;
  }

  /** Runs batches for the scheduler until nobody waits, then forgets the scheduler's queue. */
  private async drain(schedulerName: string, queue: SchedulerQueue): Promise<void> {
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, this.options.maxBatchSize);
      try {
        const rooms = await this.batches.allocateBatch(
          schedulerName,
          batch.map((request) => request.window),
        );
        batch.forEach((request, index) => {
          request.resolve(rooms[index]);
        });
      } catch (error) {
        for (const request of batch) request.reject(error);
      }
    }
    queue.busy = false;
    this.queues.delete(schedulerName);
  }
}
