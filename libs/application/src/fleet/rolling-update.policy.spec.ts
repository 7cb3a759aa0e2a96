import { type GameRoom, type RoomStatus } from '@maestro/domain';
import { planFleet } from './rolling-update.policy';

let sequence = 0;
function room(version: string, status: RoomStatus, extra: Partial<GameRoom> = {}): GameRoom {
  sequence += 1;
  return {
    schedulerName: 'zooba-us',
    roomId: `room-${sequence}`,
    version,
    ports: [],
    isValidationRoom: false,
    status,
    pingStatus: status === 'occupied' ? 'occupied' : 'ready',
    instanceStatus: 'ready',
    runningMatches: 0,
    createdAt: `2026-11-28T10:00:${String(sequence % 60).padStart(2, '0')}.000Z`,
    ...extra,
  };
}
const many = (count: number, version: string, status: RoomStatus) =>
  Array.from({ length: count }, () => room(version, status));

/**
 * Plays a rolling update to its end: each step applies the plan, new rooms become ready one step
 * after creation (as pings arrive), and the invariants are checked at every step.
 */
function simulate(start: GameRoom[], desired: number, maxSurge: string) {
  let rooms = start;
  let maxTotal = rooms.length;
  let minServing = Infinity;
  for (let step = 0; step < 100; step++) {
    rooms = rooms.map((candidate) =>
      candidate.status === 'pending' ? { ...candidate, status: 'ready' as const } : candidate,
    );
    const plan = planFleet(rooms, 'v2.0.0', desired, maxSurge);
    const removed = new Set(plan.remove.map((candidate) => candidate.roomId));
    rooms = [
      ...rooms.filter((candidate) => !removed.has(candidate.roomId)),
      ...many(plan.create, 'v2.0.0', 'pending'),
    ];
    maxTotal = Math.max(maxTotal, rooms.length);
    minServing = Math.min(minServing, rooms.filter((candidate) => candidate.status !== 'pending').length);
    if (plan.reason === 'steady') return { rooms, maxTotal, minServing, steps: step };
  }
  throw new Error('rolling update did not converge');
}

describe('fleet plan', () => {
  it('scales up and down to the desired count when every room runs the active major', () => {
    expect(planFleet(many(2, 'v1.0.0', 'ready'), 'v1.3.0', 5, '10%')).toMatchObject({
      create: 3,
      reason: 'scale_up',
    });
    const down = planFleet(
      [...many(3, 'v1.0.0', 'ready'), ...many(2, 'v1.0.0', 'occupied')],
      'v1.0.0',
      2,
      '1',
    );
    expect(down.reason).toBe('scale_down');
    expect(down.remove.map((candidate) => candidate.status)).toEqual(['ready', 'ready', 'ready']);
  });

  it('never replaces rooms for a minor version (same major)', () => {
    expect(planFleet(many(4, 'v1.0.0', 'ready'), 'v1.2.0', 4, '25%')).toEqual({
      create: 0,
      remove: [],
      reason: 'steady',
    });
  });

  it('replaces 10 rooms with a 20 % surge: never above 12 rooms, never below 10 serving', () => {
    const result = simulate(many(10, 'v1.0.0', 'ready'), 10, '20%');
    expect(result.maxTotal).toBe(12);
    expect(result.minServing).toBe(10);
    expect(result.rooms).toHaveLength(10);
    expect(result.rooms.every((candidate) => candidate.version === 'v2.0.0')).toBe(true);
  });

  it('starts with the surge only: no old room goes before new ones serve', () => {
    const plan = planFleet(many(10, 'v1.0.0', 'ready'), 'v2.0.0', 10, '20%');
    expect(plan).toEqual({ create: 2, remove: [], reason: 'rolling_update' });
  });

  it('removes old rooms that serve nobody at once, and keeps old rooms with players until they free up', () => {
    const pending = room('v1.0.0', 'unready');
    const occupied = room('v1.0.0', 'occupied');
    const plan = planFleet([pending, occupied, ...many(2, 'v2.0.0', 'ready')], 'v2.0.0', 2, '1');
    expect(plan.remove).toEqual([pending]);
    expect(plan.create).toBe(0);
  });

  it('ignores validation rooms', () => {
    const validation = room('v3.0.0', 'ready', { isValidationRoom: true });
    expect(planFleet([validation, ...many(2, 'v1.0.0', 'ready')], 'v1.0.0', 2, '1').reason).toBe('steady');
  });
});
