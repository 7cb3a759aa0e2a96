import { type GameRoom } from '../game-room/game-room';

/** How many rooms of a scheduler are in each status the autoscaler looks at, and their matches. */
export interface RoomCounts {
  readonly pending: number;
  readonly unready: number;
  readonly ready: number;
  readonly active: number;
  readonly occupied: number;
  readonly allocated: number;
  readonly terminating: number;
  readonly error: number;
  /**
   * Matches being played (reference §8): each ready, active or occupied room's running matches,
   * an occupied room counting at least 1, plus 1 per allocated room (it is about to host one).
   */
  readonly runningMatches: number;
}

export type CountedRoom = Pick<GameRoom, 'status' | 'runningMatches'>;

export const noRooms: RoomCounts = Object.freeze({
  pending: 0,
  unready: 0,
  ready: 0,
  active: 0,
  occupied: 0,
  allocated: 0,
  terminating: 0,
  error: 0,
  runningMatches: 0,
});

/**
 * Counts rooms by status. Pass the rooms the health check did not expire: `terminated` rooms are
 * on their way out and counted nowhere.
 */
export function countRooms(rooms: Iterable<CountedRoom>): RoomCounts {
  const counts = { ...noRooms };
  for (const room of rooms) {
    switch (room.status) {
      case 'ready':
      case 'active':
        counts[room.status] += 1;
        counts.runningMatches += room.runningMatches;
        break;
      case 'occupied':
        counts.occupied += 1;
        counts.runningMatches += Math.max(room.runningMatches, 1);
        break;
      case 'allocated':
        counts.allocated += 1;
        counts.runningMatches += 1;
        break;
      case 'pending':
      case 'unready':
      case 'terminating':
      case 'error':
        counts[room.status] += 1;
        break;
      case 'terminated':
        break;
    }
  }
  return counts;
}

/**
 * Rooms that serve or will soon serve players: everything but terminating and error ones. This is
 * what a target is compared with, and fixedBuffer's `total − terminating − error`.
 */
export function availableRoomCount(counts: RoomCounts): number {
  return counts.pending + counts.unready + counts.ready + counts.active + counts.occupied + counts.allocated;
}
