import { type RoomOccupancyParameters } from '../scheduler/scheduler';
import { decimalCeil } from './decimal-ceil';
import { type RoomCounts } from './room-counts';

/** Maestro's `downThreshold` when the scheduler leaves it 0 or out. */
export const defaultDownThreshold = 0.99;

export interface RoomOccupancyOutcome {
  readonly type: 'roomOccupancy';
  readonly readyTarget: number;
  readonly downThreshold: number;
  readonly maxMatches: number;
  readonly runningMatches: number;
  /** `ceil(runningMatches / (1 − readyTarget))`. */
  readonly desiredMatches: number;
  /** `ceil(desiredMatches / maxMatches)`, before the min/max clamp. */
  readonly desiredRooms: number;
  /** Match slots not in use: `(ready + active + occupied + allocated) × maxMatches − runningMatches`. */
  readonly freeSlots: number;
  /** `ceil(desiredRooms × maxMatches × readyTarget)`. */
  readonly desiredFreeSlots: number;
  /** `desiredFreeSlots / freeSlots ≤ downThreshold`; never with no free slot. */
  readonly canDownscale: boolean;
}

/**
 * roomOccupancy (reference §8): keep `readyTarget` of the match capacity free. With one match per
 * room this is Maestro's documented `ceil(occupied / (1 − readyTarget))`.
 */
export function roomOccupancy(
  parameters: RoomOccupancyParameters,
  counts: RoomCounts,
  maxMatches: number,
): RoomOccupancyOutcome {
  const { readyTarget } = parameters;
  const downThreshold = parameters.downThreshold > 0 ? parameters.downThreshold : defaultDownThreshold;
  const { runningMatches } = counts;
  const desiredMatches = decimalCeil(runningMatches / (1 - readyTarget));
  const desiredRooms = Math.ceil(desiredMatches / maxMatches);
  const servingRooms = counts.ready + counts.active + counts.occupied + counts.allocated;
  const freeSlots = servingRooms * maxMatches - runningMatches;
  const desiredFreeSlots = decimalCeil(desiredRooms * maxMatches * readyTarget);
  // Rooms reporting more matches than they hold leave no free slot (Maestro would divide by zero
  // or by a negative number and allow the downscale).
  const canDownscale = freeSlots > 0 && desiredFreeSlots / freeSlots <= downThreshold;
  return {
    type: 'roomOccupancy',
    readyTarget,
    downThreshold,
    maxMatches,
    runningMatches,
    desiredMatches,
    desiredRooms,
    freeSlots,
    desiredFreeSlots,
    canDownscale,
  };
}
