import { type GameRoom, parseSchedulerVersion, type RoomStatus, surgeAmount } from '@maestro/domain';
import { isLive } from './fleet';
import { roomsToRemove } from './room-removal.policy';

/** Rooms that can host or are hosting a match: what "capacity" means during a rolling update. */
const servingStatuses: readonly RoomStatus[] = ['ready', 'occupied', 'active', 'allocated'];

export interface FleetPlan {
  /** New rooms of the active version to create. */
  readonly create: number;
  readonly remove: readonly GameRoom[];
  readonly reason: 'scale_up' | 'scale_down' | 'rolling_update' | 'steady';
}

/**
 * What to do with a scheduler's regular rooms (validation rooms are not counted) to reach
 * `desired`. While rooms of another major than the active version remain, a rolling update runs
 * (reference §7, made strict):
 * - new rooms are added until there are `desired + surge` rooms in all, and never more new rooms
 *   than `desired`;
 * - an old room that serves nobody (pending, unready) goes at once;
 * - an old ready room goes only while the serving rooms left stay at `desired` or more, so ready
 *   capacity never drops because of the update;
 * - an old room with players (occupied, active, allocated) is never taken down: it is replaced
 *   once its players left and it is ready again.
 */
export function planFleet(
  rooms: readonly GameRoom[],
  activeVersion: string,
  desired: number,
  maxSurge: string,
): FleetPlan {
  const live = rooms.filter((room) => !room.isValidationRoom && isLive(room));
  const activeMajor = parseSchedulerVersion(activeVersion)?.major;
  const outdated = live.filter((room) => parseSchedulerVersion(room.version)?.major !== activeMajor);
  if (outdated.length === 0) {
    if (live.length < desired) return { create: desired - live.length, remove: [], reason: 'scale_up' };
    if (live.length > desired) {
      return { create: 0, remove: roomsToRemove(live, live.length - desired), reason: 'scale_down' };
    }
    return { create: 0, remove: [], reason: 'steady' };
  }

  const surge = surgeAmount(maxSurge, desired);
  const serving = live.filter((room) => servingStatuses.includes(room.status)).length;
  const notServing = outdated.filter((room) => !servingStatuses.includes(room.status));
  const idle = outdated.filter((room) => room.status === 'ready');
  const remove = [...notServing, ...roomsToRemove(idle, serving - desired)];
  const upToDate = live.length - outdated.length;
  const remaining = live.length - remove.length;
  const create = Math.max(0, Math.min(desired + surge - remaining, desired - upToDate));
  return { create, remove, reason: 'rolling_update' };
}
