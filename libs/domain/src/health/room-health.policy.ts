import { type GameRoom } from '../game-room/game-room';
import { type InstanceStatus } from '../game-room/room-status.policy';
import { type Instant, toEpochMs } from './instant';
import { type RoomTimeouts } from './room-timeouts';

/** Why the health check gave up on a room (Maestro removes it with reason `expired_room`). */
export type ExpiryReason = 'initialization_timeout' | 'ping_timeout' | 'deletion_timeout' | 'terminated';

/** Why a room is neither available nor expired: nothing to count, nothing to remove yet. */
export type IgnoredReason = 'instance_unknown' | 'terminating' | 'error';

export type RoomHealth =
  | { readonly verdict: 'available' }
  | { readonly verdict: 'expired'; readonly reason: ExpiryReason }
  | { readonly verdict: 'ignored'; readonly reason: IgnoredReason };

export type HealthTimeouts = Pick<
  RoomTimeouts,
  'pingTimeoutMs' | 'initializationTimeoutMs' | 'deletionTimeoutMs'
>;

/** What the health check reads of a room. */
export type RoomHealthFacts = Pick<GameRoom, 'status' | 'createdAt' | 'lastPingAt'>;

const available: RoomHealth = { verdict: 'available' };

/**
 * Classifies a room as the health controller does (reference §7 step 3, checks in Maestro's order).
 * `instanceStatus` is what the runtime reports for the room's instance; `undefined` (no instance
 * known) is treated like Maestro's `unknown`: the room is ignored, and rooms without an instance
 * are the caller's reconcile job, not an expiry.
 *
 * Deliberate difference from Maestro: Maestro calls every room whose instance is `pending`
 * available without looking further, so a pod that can never be scheduled (no node fits, image
 * never pulled into a pending pod…) lives forever. Here a pending instance goes through the same
 * checks as any other, so a room still `pending` past the initialization timeout is expired and
 * replaced. (Recorded in docs/compatibility.md.)
 */
export function classifyRoomHealth(
  room: RoomHealthFacts,
  instanceStatus: InstanceStatus | undefined,
  now: Instant,
  timeouts: HealthTimeouts,
): RoomHealth {
  if (instanceStatus === undefined || instanceStatus === 'unknown') {
    return { verdict: 'ignored', reason: 'instance_unknown' };
  }
  const nowMs = toEpochMs(now);
  const sinceCreation = nowMs - toEpochMs(room.createdAt);
  const sinceLastPing = nowMs - lastPingMs(room);
  const { status } = room;

  if ((status === 'pending' || status === 'unready') && sinceCreation > timeouts.initializationTimeoutMs) {
    return { verdict: 'expired', reason: 'initialization_timeout' };
  }
  if (status !== 'pending' && sinceLastPing > timeouts.pingTimeoutMs) {
    return { verdict: 'expired', reason: 'ping_timeout' };
  }
  if (status === 'terminating' && sinceLastPing > timeouts.deletionTimeoutMs) {
    return { verdict: 'expired', reason: 'deletion_timeout' };
  }
  if (status === 'terminated') return { verdict: 'expired', reason: 'terminated' };
  if (status === 'terminating') return { verdict: 'ignored', reason: 'terminating' };
  if (status === 'error') return { verdict: 'ignored', reason: 'error' };
  return available;
}

/**
 * The first instant (epoch milliseconds, never before `now`) at which `classifyRoomHealth` would
 * call the room expired if nothing else happened to it — no ping, no status change — so a caller
 * can set one exact timer instead of polling. `undefined` when no timeout applies (the instance is
 * unknown). A room already expired gives `now`. Timeouts are strict (`elapsed > timeout`), so the
 * instant is one millisecond after the deadline.
 */
export function nextExpiryAt(
  room: RoomHealthFacts,
  instanceStatus: InstanceStatus | undefined,
  now: Instant,
  timeouts: HealthTimeouts,
): number | undefined {
  if (instanceStatus === undefined || instanceStatus === 'unknown') return undefined;
  const nowMs = toEpochMs(now);
  const { status } = room;
  if (status === 'terminated') return nowMs;

  const deadlines: number[] = [];
  if (status === 'pending' || status === 'unready') {
    deadlines.push(toEpochMs(room.createdAt) + timeouts.initializationTimeoutMs);
  }
  if (status !== 'pending') deadlines.push(lastPingMs(room) + timeouts.pingTimeoutMs);
  if (status === 'terminating') deadlines.push(lastPingMs(room) + timeouts.deletionTimeoutMs);
  if (deadlines.length === 0) return undefined;
  return Math.max(nowMs, Math.min(...deadlines) + 1);
}

/** Maestro stamps `lastPing` with the creation time, so a room that never pinged counts from then. */
function lastPingMs(room: RoomHealthFacts): number {
  return toEpochMs(room.lastPingAt ?? room.createdAt);
}
