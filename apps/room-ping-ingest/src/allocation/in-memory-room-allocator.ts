import { type GameRoom, pickRoomToAllocate } from '@maestro/domain';
import { type AllocatedRoom, type AllocationRequest, RoomAllocator } from './room-allocator.port';

export type InMemoryRoom = Pick<
  GameRoom,
  'schedulerName' | 'roomId' | 'status' | 'createdAt' | 'isValidationRoom'
> &
  Pick<AllocatedRoom, 'ports' | 'host'>;

/** The allocator over rooms held in memory, for tests; single-threaded, so atomic by construction. */
export class InMemoryRoomAllocator extends RoomAllocator {
  private readonly rooms = new Map<string, InMemoryRoom>();

  addRoom(room: InMemoryRoom): void {
    this.rooms.set(`${room.schedulerName}/${room.roomId}`, room);
  }

  statusOf(schedulerName: string, roomId: string): string | undefined {
    return this.rooms.get(`${schedulerName}/${roomId}`)?.status;
  }

  allocate(request: AllocationRequest): Promise<AllocatedRoom | undefined> {
    const candidates = [...this.rooms.values()].filter(
      (room) => room.schedulerName === request.schedulerName,
    );
    const room = pickRoomToAllocate(candidates);
    if (!room) return Promise.resolve(undefined);
    this.rooms.set(`${room.schedulerName}/${room.roomId}`, { ...room, status: 'allocated' });
    return Promise.resolve({ roomId: room.roomId, ports: room.ports, host: room.host });
  }
}
