import { type RoomStatus } from '../game-room/room-status';
import { type InstanceStatus } from '../game-room/room-status.policy';
import {
  type RoomHealth,
  type RoomHealthFacts,
  classifyRoomHealth,
  nextExpiryAt,
} from './room-health.policy';
import { defaultRoomTimeouts } from './room-timeouts';

const now = Date.parse('2026-11-27T12:00:00.000Z');
const secondsAgo = (seconds: number): string => new Date(now - seconds * 1000).toISOString();

const room = (status: RoomStatus, createdSecondsAgo: number, pingedSecondsAgo?: number): RoomHealthFacts => ({
  status,
  createdAt: secondsAgo(createdSecondsAgo),
  ...(pingedSecondsAgo === undefined ? {} : { lastPingAt: secondsAgo(pingedSecondsAgo) }),
});

const available: RoomHealth = { verdict: 'available' };
const expired = (
  reason: 'initialization_timeout' | 'ping_timeout' | 'deletion_timeout' | 'terminated',
): RoomHealth => ({
  verdict: 'expired',
  reason,
});
const ignored = (reason: 'instance_unknown' | 'terminating' | 'error'): RoomHealth => ({
  verdict: 'ignored',
  reason,
});

describe('room health (reference §7 step 3, default timeouts: init 120 s, ping 240 s, deletion 120 s)', () => {
  const cases: [string, RoomHealthFacts, InstanceStatus | undefined, RoomHealth][] = [
    [
      'ignores a room whose instance is unknown, however old',
      room('ready', 3600, 3600),
      'unknown',
      ignored('instance_unknown'),
    ],
    [
      'ignores a room the runtime reports no instance for',
      room('pending', 3600),
      undefined,
      ignored('instance_unknown'),
    ],
    ['keeps a young pending room whose pod is pending', room('pending', 60), 'pending', available],
    [
      'keeps a pending room at exactly the initialization timeout',
      room('pending', 120),
      'pending',
      available,
    ],
    // Not Maestro's quirk: a pod stuck pending (e.g. unschedulable) is expired like any slow start.
    [
      'expires a room whose pod stays pending past the initialization timeout',
      room('pending', 121),
      'pending',
      expired('initialization_timeout'),
    ],
    [
      'expires an unready room past the initialization timeout',
      room('unready', 121),
      'ready',
      expired('initialization_timeout'),
    ],
    ['keeps an unready room within the initialization timeout', room('unready', 100), 'ready', available],
    [
      'checks initialization before the ping timeout for a never-pinged unready room',
      room('unready', 300),
      'ready',
      expired('initialization_timeout'),
    ],
    ['keeps a ready room that pinged recently', room('ready', 3600, 10), 'ready', available],
    ['keeps a ready room at exactly the ping timeout', room('ready', 3600, 240), 'ready', available],
    [
      'expires a ready room silent past the ping timeout',
      room('ready', 3600, 241),
      'ready',
      expired('ping_timeout'),
    ],
    [
      'counts a room that never pinged from its creation',
      room('ready', 241),
      'ready',
      expired('ping_timeout'),
    ],
    [
      'expires an occupied room silent past the ping timeout',
      room('occupied', 3600, 241),
      'ready',
      expired('ping_timeout'),
    ],
    ['keeps an occupied room', room('occupied', 3600, 5), 'ready', available],
    ['keeps an allocated room', room('allocated', 3600, 5), 'ready', available],
    ['keeps an active room', room('active', 3600, 5), 'ready', available],
    [
      'applies the ping timeout to a room whose pod went back to pending',
      room('ready', 3600, 241),
      'pending',
      expired('ping_timeout'),
    ],
    ['keeps a pinging room whose pod went back to pending', room('ready', 3600, 10), 'pending', available],
    ['ignores an error room that pinged recently', room('error', 3600, 10), 'error', ignored('error')],
    [
      'expires an error room silent past the ping timeout',
      room('error', 3600, 241),
      'error',
      expired('ping_timeout'),
    ],
    [
      'ignores a terminating room within the deletion timeout',
      room('terminating', 3600, 60),
      'terminating',
      ignored('terminating'),
    ],
    [
      'expires a terminating room past the deletion timeout',
      room('terminating', 3600, 121),
      'terminating',
      expired('deletion_timeout'),
    ],
    [
      'names the ping timeout first when a terminating room is past both',
      room('terminating', 3600, 241),
      'ready',
      expired('ping_timeout'),
    ],
    ['expires a terminated room at once', room('terminated', 3600, 1), 'ready', expired('terminated')],
  ];

  it.each(cases)('%s', (_name, facts, instance, expected) => {
    expect(classifyRoomHealth(facts, instance, now, defaultRoomTimeouts)).toEqual(expected);
  });

  it('accepts now as an ISO string as well as epoch milliseconds', () => {
    const silent = room('ready', 3600, 241);
    expect(classifyRoomHealth(silent, 'ready', new Date(now).toISOString(), defaultRoomTimeouts)).toEqual(
      expired('ping_timeout'),
    );
  });

  it('uses the timeouts it is given', () => {
    const timeouts = { ...defaultRoomTimeouts, pingTimeoutMs: 5_000 };
    expect(classifyRoomHealth(room('ready', 3600, 6), 'ready', now, timeouts)).toEqual(
      expired('ping_timeout'),
    );
  });

  it('refuses a time it cannot read', () => {
    expect(() => classifyRoomHealth(room('ready', 10, 1), 'ready', 'yesterday', defaultRoomTimeouts)).toThrow(
      RangeError,
    );
  });
});

describe('next expiry instant', () => {
  const at = (secondsFromNow: number): number => now + secondsFromNow * 1000;

  it('is one millisecond past the initialization deadline for a pending room', () => {
    expect(nextExpiryAt(room('pending', 30), 'pending', now, defaultRoomTimeouts)).toBe(at(90) + 1);
  });

  it('is the earlier of initialization and ping deadlines for an unready room', () => {
    expect(nextExpiryAt(room('unready', 30), 'ready', now, defaultRoomTimeouts)).toBe(at(90) + 1);
  });

  it('follows the last ping for a ready room', () => {
    expect(nextExpiryAt(room('ready', 3600, 40), 'ready', now, defaultRoomTimeouts)).toBe(at(200) + 1);
  });

  it('is the deletion deadline for a terminating room', () => {
    expect(nextExpiryAt(room('terminating', 3600, 20), 'terminating', now, defaultRoomTimeouts)).toBe(
      at(100) + 1,
    );
  });

  it('is now for a room already expired', () => {
    expect(nextExpiryAt(room('ready', 3600, 500), 'ready', now, defaultRoomTimeouts)).toBe(now);
    expect(nextExpiryAt(room('terminated', 3600, 1), 'ready', now, defaultRoomTimeouts)).toBe(now);
  });

  it('is undefined when the instance is unknown, as no timeout applies', () => {
    expect(nextExpiryAt(room('ready', 3600, 500), 'unknown', now, defaultRoomTimeouts)).toBeUndefined();
    expect(nextExpiryAt(room('pending', 3600), undefined, now, defaultRoomTimeouts)).toBeUndefined();
  });

  const rooms: [RoomStatus, InstanceStatus, number, number | undefined][] = [
    ['pending', 'pending', 10, undefined],
    ['pending', 'ready', 100, undefined],
    ['unready', 'ready', 5, undefined],
    ['ready', 'ready', 3600, 0],
    ['ready', 'pending', 3600, 200],
    ['occupied', 'ready', 3600, 239],
    ['allocated', 'ready', 3600, 12],
    ['active', 'ready', 100, undefined],
    ['error', 'error', 3600, 30],
    ['terminating', 'terminating', 3600, 0],
    ['terminating', 'ready', 3600, 119],
  ];

  it.each(rooms)(
    'agrees with the classification for a %s room (instance %s): expired from that instant on, not a millisecond before',
    (status, instance, created, pinged) => {
      const facts = room(status, created, pinged);
      const next = nextExpiryAt(facts, instance, now, defaultRoomTimeouts);
      if (next === undefined) throw new Error('expected an expiry instant');
      expect(next).toBeGreaterThan(now);
      expect(classifyRoomHealth(facts, instance, next - 1, defaultRoomTimeouts).verdict).not.toBe('expired');
      expect(classifyRoomHealth(facts, instance, next, defaultRoomTimeouts).verdict).toBe('expired');
      expect(classifyRoomHealth(facts, instance, next + 3_600_000, defaultRoomTimeouts).verdict).toBe(
        'expired',
      );
    },
  );
});
