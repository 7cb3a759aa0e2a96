import { type RoomCounts, availableRoomCount } from './room-counts';

export interface FixedBufferOutcome {
  readonly type: 'fixedBuffer';
  readonly amount: number;
  /** `occupied + allocated + amount`, before the min/max clamp. */
  readonly desiredRooms: number;
  /** `total − terminating − error`. */
  readonly liveRooms: number;
  /** `liveRooms > desiredRooms`. */
  readonly canDownscale: boolean;
}

/** fixedBuffer (reference §8, Maestro PR #671): always `amount` rooms beyond the busy ones. */
export function fixedBuffer(parameters: { readonly amount: number }, counts: RoomCounts): FixedBufferOutcome {
  const desiredRooms = counts.occupied + counts.allocated + parameters.amount;
  const liveRooms = availableRoomCount(counts);
  return {
    type: 'fixedBuffer',
    amount: parameters.amount,
    desiredRooms,
    liveRooms,
    canDownscale: liveRooms > desiredRooms,
  };
}
