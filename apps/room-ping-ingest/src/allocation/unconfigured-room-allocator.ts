import { AllocationUnavailableError, type AllocatedRoom, RoomAllocator } from './room-allocator.port';

/**
 * The allocator of a rooms API started without DATABASE_URL: pings and events need only the
 * message bus, but handing a room out once and only once needs the shared database.
 */
export class UnconfiguredRoomAllocator extends RoomAllocator {
  allocate(): Promise<AllocatedRoom | undefined> {
    return Promise.reject(
      new AllocationUnavailableError(
        'room allocation needs a database: start the rooms API with DATABASE_URL',
      ),
    );
  }
}
