import { InMemoryRoomAllocator } from './in-memory-room-allocator';
import { roomAllocatorContract } from './room-allocator.contract';

let schedulers = 0;

roomAllocatorContract(
  'InMemoryRoomAllocator',
  () => {
    const allocator = new InMemoryRoomAllocator();
    return Promise.resolve({
      allocator,
      seed: (rooms) => {
        for (const room of rooms) {
          allocator.addRoom({
            schedulerName: room.schedulerName,
            roomId: room.roomId,
            status: room.status ?? 'ready',
            createdAt: room.createdAt,
            isValidationRoom: room.isValidationRoom ?? false,
            ports: (room.ports ?? []).map((port) => ({
              name: port.name,
              protocol: port.protocol.toUpperCase(),
              port: port.hostPort,
            })),
            host: room.host ?? '',
          });
        }
        return Promise.resolve();
      },
    });
  },
  () => `arena-${++schedulers}`,
);
