import { type InstanceStatus, type PingStatus, canTransition, composeRoomStatus } from './room-status.policy';

const single = (pingStatus: PingStatus, instanceStatus: InstanceStatus) =>
  composeRoomStatus({ pingStatus, instanceStatus, runningMatches: 0, maxMatches: 1 });

describe('room status composition (reference §5)', () => {
  // Rows: ping status; columns: instance unknown, pending, ready, terminating, error.
  const table: [PingStatus, string[]][] = [
    ['unknown', ['pending', 'pending', 'unready', 'terminating', 'error']],
    ['ready', ['pending', 'pending', 'ready', 'terminating', 'error']],
    ['occupied', ['pending', 'pending', 'occupied', 'terminating', 'error']],
    ['terminating', ['terminating', 'terminating', 'terminating', 'terminating', 'error']],
    ['terminated', ['terminated', 'terminated', 'terminated', 'terminated', 'error']],
  ];
  const instances: InstanceStatus[] = ['unknown', 'pending', 'ready', 'terminating', 'error'];

  it.each(table)(
    'composes a %s ping with every instance status as the reference table says',
    (ping, expected) => {
      expect(instances.map((instance) => single(ping, instance))).toEqual(expected);
    },
  );

  describe('multi-match rooms', () => {
    const multi = (pingStatus: PingStatus, runningMatches: number) =>
      composeRoomStatus({ pingStatus, instanceStatus: 'ready', runningMatches, maxMatches: 3 });

    it('is ready with no match running, active while partly used, occupied when full', () => {
      expect(multi('ready', 0)).toBe('ready');
      expect(multi('occupied', 1)).toBe('active');
      expect(multi('ready', 2)).toBe('active');
      expect(multi('occupied', 3)).toBe('occupied');
    });

    it('leaves statuses other than ready and occupied alone', () => {
      expect(multi('terminating', 2)).toBe('terminating');
    });
  });
});

describe('room status transitions (reference §5)', () => {
  it('lets a ready room become occupied and back', () => {
    expect(canTransition('ready', 'occupied')).toBe(true);
    expect(canTransition('occupied', 'ready')).toBe(true);
  });

  it('requires terminating before terminated', () => {
    expect(canTransition('ready', 'terminated')).toBe(false);
    expect(canTransition('terminating', 'terminated')).toBe(true);
  });

  it('never leaves terminated, but staying in any status is allowed', () => {
    expect(canTransition('terminated', 'ready')).toBe(false);
    expect(canTransition('terminated', 'terminated')).toBe(true);
    expect(canTransition('error', 'error')).toBe(true);
  });

  it('refuses an error room going straight to occupied', () => {
    expect(canTransition('error', 'occupied')).toBe(false);
  });
});
