import { Clock } from '@maestro/application';
import { AllocateRoomHandler } from './allocate-room.handler';
import { type AllocatedRoom, type AllocationRequest, RoomAllocator } from './room-allocator.port';

class FixedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }

  now(): Date {
    return this.at;
  }
}

/** Keeps what it was asked and hands out the rooms it was given, in order. */
class RecordingAllocator extends RoomAllocator {
  readonly requests: AllocationRequest[] = [];

  constructor(private readonly rooms: AllocatedRoom[]) {
    super();
  }

  allocate(request: AllocationRequest): Promise<AllocatedRoom | undefined> {
    this.requests.push(request);
    return Promise.resolve(this.rooms.shift());
  }
}

const now = new Date('2026-03-01T12:00:00.000Z');

describe('AllocateRoomHandler', () => {
  it('allocates from now until now plus the allocation TTL', async () => {
    const allocator = new RecordingAllocator([{ roomId: 'room-1', ports: [], host: '' }]);
    await new AllocateRoomHandler(allocator, new FixedClock(now), { allocationTtlMs: 300_000 }).handle(
      'arena',
    );
    expect(allocator.requests).toEqual([
      { schedulerName: 'arena', allocatedAt: now, expiresAt: new Date('2026-03-01T12:05:00.000Z') },
    ]);
  });

  it("answers Maestro's body: the room, success, an empty message, its ports and host", async () => {
    const allocator = new RecordingAllocator([
      { roomId: 'room-1', ports: [{ name: 'game', protocol: 'UDP', port: 30_001 }], host: '10.0.0.7' },
    ]);
    const outcome = await new AllocateRoomHandler(allocator, new FixedClock(now), {
      allocationTtlMs: 1_000,
    }).handle('arena');
    expect(outcome).toEqual({
      kind: 'allocated',
      body: {
        roomId: 'room-1',
        success: true,
        message: '',
        ports: [{ name: 'game', protocol: 'UDP', port: 30_001 }],
        host: '10.0.0.7',
      },
    });
  });

  it('says no room is ready in the words Maestro uses', async () => {
    const outcome = await new AllocateRoomHandler(new RecordingAllocator([]), new FixedClock(now), {
      allocationTtlMs: 1_000,
    }).handle('arena');
    expect(outcome).toEqual({
      kind: 'no-ready-room',
      message: 'no ready rooms available for scheduler arena',
    });
  });
});
