import { type InstanceStatus, type RoomStatus } from '@maestro/domain';
import { forwardingOfPing, type PingToJudge } from './ping-forwarding.policy';

type PingStatus = PingToJudge['status'];

function judge(
  status: RoomStatus,
  instanceStatus: InstanceStatus,
  pingStatus: PingStatus,
  { runningMatches = 0, maxMatches = 1 } = {},
) {
  return forwardingOfPing(
    { status, instanceStatus },
    { status: pingStatus, runningMatches, metadata: { map: 'de_dust' } },
    maxMatches,
  );
}

describe('forwardingOfPing (reference §3.1, §9)', () => {
  it.each<[string, RoomStatus, InstanceStatus, PingStatus]>([
    ['the status stays (the pod is not ready yet)', 'pending', 'unknown', 'occupied'],
    ['the room turns ready', 'unready', 'ready', 'ready'],
    ['the room turns occupied', 'ready', 'ready', 'occupied'],
    ['an occupied room pings occupied again', 'occupied', 'ready', 'occupied'],
    ['a terminating room says it is done', 'terminating', 'ready', 'terminated'],
    ['a room in error stays in error', 'error', 'error', 'ready'],
    ['an allocated room pings ready', 'allocated', 'ready', 'ready'],
  ])('forwards a resync with the ping status when %s', (_case, status, instance, ping) => {
    expect(judge(status, instance, ping)).toEqual({
      kind: 'resync',
      status: ping,
      metadata: { map: 'de_dust' },
    });
  });

  it.each<[string, RoomStatus, InstanceStatus, PingStatus]>([
    ['a ready room says terminated without terminating first', 'ready', 'ready', 'terminated'],
    ['an occupied room says terminated', 'occupied', 'ready', 'terminated'],
    ['a pending room says terminated', 'pending', 'pending', 'terminated'],
    ['a terminated room pings again', 'terminated', 'ready', 'ready'],
  ])('forwards nothing when the transition is invalid: %s', (_case, status, instance, ping) => {
    expect(judge(status, instance, ping)).toBeUndefined();
  });

  it('forwards a terminated status instead of a resync while the instance is terminating', () => {
    expect(judge('terminating', 'terminating', 'ready')).toEqual({
      kind: 'status',
      status: 'terminated',
      metadata: { map: 'de_dust' },
    });
    expect(judge('ready', 'terminating', 'occupied')).toMatchObject({ kind: 'status', status: 'terminated' });
  });

  it('judges multi-match rooms by their running matches, as the worker does', () => {
    // occupied → active (1 of 3 matches) is valid; pending → active is not.
    expect(judge('occupied', 'ready', 'occupied', { runningMatches: 1, maxMatches: 3 })).toMatchObject({
      kind: 'resync',
      status: 'occupied',
    });
    expect(judge('pending', 'ready', 'occupied', { runningMatches: 1, maxMatches: 3 })).toBeUndefined();
  });
});
