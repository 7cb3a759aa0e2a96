import { type GameRoom, type RoomStatus } from '@maestro/domain';

/** Rooms least useful to players go first; occupied rooms only when nothing else is left. */
const removalOrder: readonly RoomStatus[] = [
  'error',
  'pending',
  'unready',
  'ready',
  'allocated',
  'active',
  'occupied',
];

export function roomsToRemove(rooms: readonly GameRoom[], count: number): GameRoom[] {
  if (count <= 0) return [];
  const rank = (room: GameRoom): number => {
    const index = removalOrder.indexOf(room.status);
    return index === -1 ? removalOrder.length : index;
  };
  return [...rooms]
    .sort((a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt))
    .slice(0, count);
}
