import { type GameRoom, pickRoomToAllocate } from '@maestro/domain';
import { type AllocatedRoom, type AllocationWindow, RoomBatchAllocator } from './room-allocator.port';

export type InMemoryRoom = Pick<
  GameRoom,
  'schedulerName' | 'roomId' | 'status' | 'createdAt' | 'isValidationRoom'
> &
  Pick<AllocatedRoom, 'ports' | 'host'>;

/** The allocator over rooms held in memory, for tests; single-threaded, so atomic by construction. */
export class InMemoryRoomAllocator extends RoomBatchAllocator {
  private readonly rooms = new Map<string, InMemoryRoom>();

  addRoom(room: InMemoryRoom): void {
    this.rooms.set(`${room.schedulerName}/${room.roomId}`, room);
  }

  allocateBatch(schedulerName: string, windows: readonly AllocationWindow[]): Promise<AllocatedRoom[]> {
    const handedOut: AllocatedRoom[] = [];
    while (handedOut.length < windows.length) {
      const candidates = [...this.rooms.values()].filter((room) => room.schedulerName === schedulerName);
      const room = pickRoomToAllocate(candidates);
      if (!room) break;
      this.rooms.set(`${room.schedulerName}/${room.roomId}`, { ...room, status: 'allocated' });
      handedOut.push({ roomId: room.roomId, ports: room.ports, host: room.host });
    }
    return Promise.resolve(handedOut);
  }
}
