/**
 * A game room's status, in Maestro's own words (reference §5). `pending` until the room's runtime
 * reports it started, then driven by the room's pings and the runtime's view of its pod or process.
 */
export const roomStatuses = [
  'pending',
  'unready',
  'ready',
  'occupied',
  'allocated',
  'active',
  'terminating',
  'error',
  'terminated',
] as const;

export type RoomStatus = (typeof roomStatuses)[number];

export function isRoomStatus(value: unknown): value is RoomStatus {
  return typeof value === 'string' && (roomStatuses as readonly string[]).includes(value);
}
