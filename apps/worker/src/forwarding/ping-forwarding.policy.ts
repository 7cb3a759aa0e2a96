import { type RoomEventToForward } from '@maestro/application';
import { type EventData, type roomPingedV1 } from '@maestro/contracts';
import { canTransition, composeRoomStatus, type GameRoom } from '@maestro/domain';

export type PingToJudge = Pick<EventData<typeof roomPingedV1>, 'status' | 'runningMatches' | 'metadata'>;

/** The room's facts a ping is judged on, as its events left them. */
export type RoomAtPing = Pick<GameRoom, 'status' | 'instanceStatus'>;

/**
 * What Maestro forwards for a ping (reference §3.1, §9): nothing when the status the ping leads to
 * may not follow the room's (Maestro refuses that ping), a `terminated` status when the room's
 * instance is terminating, otherwise a resync with the ping's status. The status the ping leads to
 * is the worker's (`decideGameRoom`): composed from the ping and the instance, checked with
 * `canTransition`. The allocation overlay is left out: it only turns `ready` into `allocated` for
 * an allocated room, which may go to either.
 */
export function forwardingOfPing(
  room: RoomAtPing,
  ping: PingToJudge,
  maxMatches: number,
): RoomEventToForward | undefined {
  const composed = composeRoomStatus({
    pingStatus: ping.status,
    instanceStatus: room.instanceStatus,
    runningMatches: ping.runningMatches,
    maxMatches,
  });
  if (!canTransition(room.status, composed)) return undefined;
  if (room.instanceStatus === 'terminating') {
    return { kind: 'status', status: 'terminated', metadata: ping.metadata };
  }
  return { kind: 'resync', status: ping.status, metadata: ping.metadata };
}
