import { type Instant, toEpochMs, toIsoString } from '../health/instant';
import { type Autoscaling, type Scheduler } from '../scheduler/scheduler';
import { AutoscalingMisconfiguredError } from './autoscaling-errors';
import { type FixedBufferOutcome, fixedBuffer } from './fixed-buffer.policy';
import { type RoomCounts, availableRoomCount } from './room-counts';
import { type RoomOccupancyOutcome, roomOccupancy } from './room-occupancy.policy';

export interface ScalingInputs {
  readonly scheduler: Pick<Scheduler, 'roomsReplicas' | 'autoscaling' | 'matchAllocation'>;
  /** The scheduler's rooms the health check did not expire, counted by `countRooms`. */
  readonly counts: RoomCounts;
  readonly now: Instant;
  /** When rooms were last removed for a downscale; absent if never. */
  readonly lastDownscaleAt?: Instant | undefined;
}

export interface CooldownState {
  readonly seconds: number;
  readonly lastDownscaleAt: string | null;
  /** When the next downscale is allowed; null without a previous downscale. */
  readonly until: string | null;
  /** The target would be lower than the available rooms but the cooldown has not run out. */
  readonly holdsDownscale: boolean;
}

/**
 * Why the scheduler has the target it has: every input and intermediate value, JSON-ready, so the
 * caller can record it as an event and an operator can read why rooms were (not) added or removed.
 */
export interface ScalingDecision {
  readonly policy: 'roomsReplicas' | 'roomOccupancy' | 'fixedBuffer';
  readonly decidedAt: string;
  readonly counts: RoomCounts;
  /** Rooms neither terminating nor in error: what the target is compared with. */
  readonly available: number;
  /** What the policy asked for, before min/max. */
  readonly unclampedDesired: number;
  readonly min: number | null;
  /** -1 for no upper bound; null without autoscaling. */
  readonly max: number | null;
  readonly clampedDesired: number;
  readonly canDownscale: boolean;
  readonly cooldown: CooldownState;
  /** The room count to reach now. */
  readonly target: number;
  /** The target removes rooms: the caller records `now` as the last downscale. */
  readonly isDownscale: boolean;
  /** The policy's own figures; null for roomsReplicas. */
  readonly detail: RoomOccupancyOutcome | FixedBufferOutcome | null;
  readonly reason: string;
}

/**
 * How many rooms a scheduler should have now (reference §7 step 5 and §8), without the rolling
 * update's surge (see `surgeAmount`): `roomsReplicas` when autoscaling is absent or disabled,
 * otherwise the policy's count clamped to [min, max], where a lower count than the available rooms
 * is applied only if the policy allows a downscale and the cooldown since the last one has run out.
 */
export function desiredRoomCount(inputs: ScalingInputs): ScalingDecision {
  const { scheduler, counts } = inputs;
  const available = availableRoomCount(counts);
  const decidedAt = toIsoString(inputs.now);
  const autoscaling = scheduler.autoscaling;

  if (!autoscaling?.enabled) {
    const target = scheduler.roomsReplicas;
    const why = autoscaling ? 'autoscaling is disabled' : 'no autoscaling';
    return {
      policy: 'roomsReplicas',
      decidedAt,
      counts,
      available,
      unclampedDesired: target,
      min: null,
      max: null,
      clampedDesired: target,
      canDownscale: true,
      cooldown: { seconds: 0, lastDownscaleAt: null, until: null, holdsDownscale: false },
      target,
      isDownscale: target < available,
      detail: null,
      reason: `${why}: roomsReplicas is ${target}; ${movement(available, target)}`,
    };
  }

  const detail = evaluatePolicy(autoscaling, counts, scheduler.matchAllocation.maxMatches);
  const clampedDesired = clamp(detail.desiredRooms, autoscaling.min, autoscaling.max);
  const cooldown = cooldownState(autoscaling.cooldownSeconds, inputs.lastDownscaleAt, inputs.now);
  const wantsDownscale = clampedDesired < available;
  const holdsDownscale = wantsDownscale && cooldown.active;
  const target = wantsDownscale && (!detail.canDownscale || holdsDownscale) ? available : clampedDesired;

  const reasons = [
    describePolicy(detail, counts),
    describeClamp(detail.desiredRooms, clampedDesired, autoscaling),
  ];
  if (wantsDownscale && !detail.canDownscale)
    reasons.push(`the policy does not allow a downscale (${describeDownscaleRule(detail)})`);
  if (holdsDownscale)
    reasons.push(`cooldown of ${autoscaling.cooldownSeconds}s runs until ${cooldown.until}`);
  reasons.push(target === available && wantsDownscale ? `hold at ${available}` : movement(available, target));

  return {
    policy: detail.type,
    decidedAt,
    counts,
    available,
    unclampedDesired: detail.desiredRooms,
    min: autoscaling.min,
    max: autoscaling.max,
    clampedDesired,
    canDownscale: detail.canDownscale,
    cooldown: {
      seconds: autoscaling.cooldownSeconds,
      lastDownscaleAt: cooldown.lastDownscaleAt,
      until: cooldown.until,
      holdsDownscale,
    },
    target,
    isDownscale: target < available,
    detail,
    reason: reasons.filter((part) => part !== '').join('; '),
  };
}

function evaluatePolicy(
  autoscaling: Autoscaling,
  counts: RoomCounts,
  maxMatches: number,
): RoomOccupancyOutcome | FixedBufferOutcome {
  const { type, parameters } = autoscaling.policy;
  switch (type) {
    case 'roomOccupancy':
      if (!parameters.roomOccupancy) {
        throw new AutoscalingMisconfiguredError(
          'RoomOccupancy must not be nil for RoomOccupancy policy type',
        );
      }
      return roomOccupancy(parameters.roomOccupancy, counts, maxMatches);
    case 'fixedBuffer':
      if (!parameters.fixedBuffer) {
        throw new AutoscalingMisconfiguredError('FixedBuffer must not be nil for FixedBuffer policy type');
      }
      return fixedBuffer(parameters.fixedBuffer, counts);
  }
}

/** [min, max], where max -1 means no upper bound. */
function clamp(desired: number, min: number, max: number): number {
  const atLeastMin = Math.max(desired, min);
  return max === -1 ? atLeastMin : Math.min(atLeastMin, max);
}

function cooldownState(
  seconds: number,
  lastDownscaleAt: Instant | undefined,
  now: Instant,
): { active: boolean; lastDownscaleAt: string | null; until: string | null } {
  if (lastDownscaleAt === undefined) return { active: false, lastDownscaleAt: null, until: null };
  const untilMs = toEpochMs(lastDownscaleAt) + seconds * 1000;
  return {
    active: toEpochMs(now) < untilMs,
    lastDownscaleAt: toIsoString(lastDownscaleAt),
    until: toIsoString(untilMs),
  };
}

function describePolicy(detail: RoomOccupancyOutcome | FixedBufferOutcome, counts: RoomCounts): string {
  switch (detail.type) {
    case 'roomOccupancy':
      return (
        `roomOccupancy: ${detail.runningMatches} running matches at readyTarget ${detail.readyTarget} ` +
        `want ${detail.desiredMatches} matches = ${detail.desiredRooms} rooms of ${detail.maxMatches}`
      );
    case 'fixedBuffer':
      return (
        `fixedBuffer: ${counts.occupied} occupied + ${counts.allocated} allocated + buffer of ` +
        `${detail.amount} want ${detail.desiredRooms} rooms`
      );
  }
}

function describeClamp(desired: number, clamped: number, autoscaling: Autoscaling): string {
  if (clamped > desired) return `raised to min ${autoscaling.min}`;
  if (clamped < desired) return `capped at max ${autoscaling.max}`;
  return '';
}

function describeDownscaleRule(detail: RoomOccupancyOutcome | FixedBufferOutcome): string {
  switch (detail.type) {
    case 'roomOccupancy':
      return detail.freeSlots > 0
        ? `${detail.desiredFreeSlots} desired free slots / ${detail.freeSlots} free > downThreshold ${detail.downThreshold}`
        : 'no free match slot';
    case 'fixedBuffer':
      return `${detail.liveRooms} live rooms are not above ${detail.desiredRooms}`;
  }
}

function movement(available: number, target: number): string {
  if (target > available) return `scale up from ${available} to ${target}`;
  if (target < available) return `scale down from ${available} to ${target}`;
  return `keep ${target}`;
}
