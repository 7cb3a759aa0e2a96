import { type Instant, toEpochMs } from '../health/instant';
import { defaultAllocationTtlMs } from '../health/room-timeouts';
import { type GameRoom } from './game-room';
import { type RoomStatus } from './room-status';

export type AllocationFacts = Pick<GameRoom, 'status' | 'allocatedAt'>;

/**
 * Whether a room is allocated and its allocation younger than the TTL at `now`. An allocated room
 * without a known allocation time (e.g. restored from an older read model) is treated as past it.
 */
export function isAllocationHeld(
  room: AllocationFacts,
  now: Instant,
  allocationTtlMs: number = defaultAllocationTtlMs,
): boolean {
  if (room.status !== 'allocated' || room.allocatedAt === undefined) return false;
  return toEpochMs(now) - toEpochMs(room.allocatedAt) < allocationTtlMs;
}

/**
 * The allocation overlay (reference §3.6, §5): a room handed out by the allocate API keeps saying
 * `ready` until its players arrive, so within the allocation TTL a composed `ready` stays
 * `allocated`, or the room would be handed out twice. After the TTL a `ready` returns it to
 * `ready`; any other outcome (occupied, active, terminating, error…) applies at once.
 */
export function overlayAllocation(
  stored: AllocationFacts,
  composed: RoomStatus,
  now: Instant,
  allocationTtlMs: number = defaultAllocationTtlMs,
): RoomStatus {
  return composed === 'ready' && isAllocationHeld(stored, now, allocationTtlMs) ? 'allocated' : composed;
}

export type AllocatableRoom = Pick<GameRoom, 'roomId' | 'status' | 'createdAt' | 'isValidationRoom'>;

/**
 * The room the allocate API hands out: a ready room, the oldest first (ties by id), so the choice
 * is the same on every worker and no ready room waits forever while younger ones are taken.
 * Validation rooms are never handed out. `undefined` when no room is ready.
 */
export function pickRoomToAllocate<Room extends AllocatableRoom>(rooms: Iterable<Room>): Room | undefined {
  let best: Room | undefined;
  let bestCreatedAt = Number.POSITIVE_INFINITY;
  for (const room of rooms) {
    if (room.status !== 'ready' || room.isValidationRoom) continue;
    const createdAt = toEpochMs(room.createdAt);
    if (!best || createdAt < bestCreatedAt || (createdAt === bestCreatedAt && room.roomId < best.roomId)) {
      best = room;
      bestCreatedAt = createdAt;
    }
  }
  return best;
}
