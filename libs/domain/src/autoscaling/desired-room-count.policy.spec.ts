import { type Autoscaling, type Scheduler } from '../scheduler/scheduler';
import { AutoscalingMisconfiguredError } from './autoscaling-errors';
import { type ScalingDecision, desiredRoomCount } from './desired-room-count.policy';
import { type CountedRoom, type RoomCounts, countRooms, noRooms } from './room-counts';

type ScalingScheduler = Pick<Scheduler, 'roomsReplicas' | 'autoscaling' | 'matchAllocation'>;

const now = '2026-11-27T12:00:00.000Z';
const nowMs = Date.parse(now);

const occupancy = (
  overrides: Partial<Autoscaling> = {},
  readyTarget = 0.5,
  downThreshold = 0.99,
): Autoscaling => ({
  enabled: true,
  min: 1,
  max: 10,
  cooldownSeconds: 0,
  policy: { type: 'roomOccupancy', parameters: { roomOccupancy: { readyTarget, downThreshold } } },
  ...overrides,
});

const scheduler = (autoscaling?: Autoscaling, roomsReplicas = 3): ScalingScheduler => ({
  roomsReplicas,
  matchAllocation: { maxMatches: 1 },
  ...(autoscaling ? { autoscaling } : {}),
});

const counts = (ready: number, occupied: number, extra: Partial<RoomCounts> = {}): RoomCounts => ({
  ...noRooms,
  ready,
  occupied,
  runningMatches: occupied,
  ...extra,
});

describe('desired room count', () => {
  describe('without autoscaling', () => {
    it('is roomsReplicas when autoscaling is absent, and says so', () => {
      const decision = desiredRoomCount({ scheduler: scheduler(undefined, 3), counts: counts(1, 0), now });
      expect(decision).toMatchObject({
        policy: 'roomsReplicas',
        target: 3,
        isDownscale: false,
        detail: null,
      });
      expect(decision.reason).toBe('no autoscaling: roomsReplicas is 3; scale up from 1 to 3');
    });

    it('is roomsReplicas when autoscaling is disabled, whatever the occupation', () => {
      const decision = desiredRoomCount({
        scheduler: scheduler(occupancy({ enabled: false }), 2),
        counts: counts(0, 9),
        now,
      });
      expect(decision).toMatchObject({ policy: 'roomsReplicas', target: 2, isDownscale: true });
      expect(decision.reason).toBe('autoscaling is disabled: roomsReplicas is 2; scale down from 9 to 2');
    });

    it('scales down without cooldown or policy check', () => {
      const decision = desiredRoomCount({
        scheduler: scheduler(undefined, 0),
        counts: counts(5, 0),
        now,
        lastDownscaleAt: now,
      });
      expect(decision).toMatchObject({ target: 0, isDownscale: true, canDownscale: true });
    });
  });

  describe('with roomOccupancy', () => {
    it('records every input and figure behind the decision', () => {
      const decision = desiredRoomCount({
        scheduler: scheduler(occupancy({ cooldownSeconds: 60 })),
        counts: counts(1, 3, { pending: 1, terminating: 2 }),
        now,
        lastDownscaleAt: nowMs - 120_000,
      });
      const expected: ScalingDecision = {
        policy: 'roomOccupancy',
        decidedAt: now,
        counts: { ...noRooms, ready: 1, occupied: 3, pending: 1, terminating: 2, runningMatches: 3 },
        available: 5,
        unclampedDesired: 6,
        min: 1,
        max: 10,
        clampedDesired: 6,
        canDownscale: false,
        cooldown: {
          seconds: 60,
          lastDownscaleAt: '2026-11-27T11:58:00.000Z',
          until: '2026-11-27T11:59:00.000Z',
          holdsDownscale: false,
        },
        target: 6,
        isDownscale: false,
        detail: {
          type: 'roomOccupancy',
          readyTarget: 0.5,
          downThreshold: 0.99,
          maxMatches: 1,
          runningMatches: 3,
          desiredMatches: 6,
          desiredRooms: 6,
          freeSlots: 1,
          desiredFreeSlots: 3,
          canDownscale: false,
        },
        reason:
          'roomOccupancy: 3 running matches at readyTarget 0.5 want 6 matches = 6 rooms of 1; scale up from 5 to 6',
      };
      expect(decision).toEqual(expected);
      expect(JSON.parse(JSON.stringify(decision))).toEqual(expected);
    });

    it('raises the count to min and caps it at max', () => {
      const low = desiredRoomCount({
        scheduler: scheduler(occupancy({ min: 2 })),
        counts: counts(0, 0),
        now,
      });
      expect(low).toMatchObject({ unclampedDesired: 0, clampedDesired: 2, target: 2 });
      expect(low.reason).toContain('raised to min 2');
      const high = desiredRoomCount({
        scheduler: scheduler(occupancy({ max: 10 })),
        counts: counts(0, 8),
        now,
      });
      expect(high).toMatchObject({ unclampedDesired: 16, clampedDesired: 10, target: 10 });
      expect(high.reason).toContain('capped at max 10');
    });

    it('has no upper bound when max is -1', () => {
      const decision = desiredRoomCount({
        scheduler: scheduler(occupancy({ max: -1 })),
        counts: counts(0, 40),
        now,
      });
      expect(decision).toMatchObject({ clampedDesired: 80, target: 80 });
    });

    it('keeps the available rooms when the policy refuses a downscale', () => {
      // 0.5 target at 3 matches wants 6 rooms; 7 are up with 4 free slots for 3 desired: 0.75 > 0.6.
      const decision = desiredRoomCount({
        scheduler: scheduler(occupancy({}, 0.5, 0.6)),
        counts: counts(4, 3),
        now,
      });
      expect(decision).toMatchObject({
        clampedDesired: 6,
        canDownscale: false,
        target: 7,
        isDownscale: false,
      });
      expect(decision.reason).toContain(
        'the policy does not allow a downscale (3 desired free slots / 4 free > downThreshold 0.6)',
      );
      expect(decision.reason).toContain('hold at 7');
    });

    it('holds a downscale back until the cooldown since the last one has run out', () => {
      const input = {
        scheduler: scheduler(occupancy({ cooldownSeconds: 60 })),
        counts: counts(10, 0),
      };
      const held = desiredRoomCount({ ...input, now, lastDownscaleAt: nowMs - 59_999 });
      expect(held).toMatchObject({ target: 10, isDownscale: false, canDownscale: true });
      expect(held.cooldown).toEqual({
        seconds: 60,
        lastDownscaleAt: '2026-11-27T11:59:00.001Z',
        until: '2026-11-27T12:00:00.001Z',
        holdsDownscale: true,
      });
      expect(held.reason).toContain('cooldown of 60s runs until 2026-11-27T12:00:00.001Z');

      const due = desiredRoomCount({ ...input, now, lastDownscaleAt: '2026-11-27T11:59:00.000Z' });
      expect(due).toMatchObject({ target: 1, isDownscale: true, cooldown: { holdsDownscale: false } });
    });

    it('downscales at once when no downscale happened before', () => {
      expect(
        desiredRoomCount({
          scheduler: scheduler(occupancy({ cooldownSeconds: 600 })),
          counts: counts(10, 0),
          now,
        }),
      ).toMatchObject({
        target: 1,
        isDownscale: true,
      });
    });

    it('never lets the cooldown hold an upscale back', () => {
      const decision = desiredRoomCount({
        scheduler: scheduler(occupancy({ cooldownSeconds: 600 })),
        counts: counts(0, 2),
        now,
        lastDownscaleAt: now,
      });
      expect(decision).toMatchObject({ target: 4, cooldown: { holdsDownscale: false } });
    });

    it('scales 10 ready rooms down to min 1 once autoscaling is enabled (reference §8 e2e)', () => {
      expect(
        desiredRoomCount({ scheduler: scheduler(occupancy()), counts: counts(10, 0), now }),
      ).toMatchObject({
        target: 1,
        isDownscale: true,
      });
    });

    it('fails clearly when the policy has no parameters', () => {
      const broken = occupancy({ policy: { type: 'roomOccupancy', parameters: {} } });
      expect(() => desiredRoomCount({ scheduler: scheduler(broken), counts: counts(1, 1), now })).toThrow(
        AutoscalingMisconfiguredError,
      );
    });
  });

  describe('with fixedBuffer', () => {
    const buffer = (amount: number): Autoscaling => ({
      enabled: true,
      min: 1,
      max: -1,
      cooldownSeconds: 0,
      policy: { type: 'fixedBuffer', parameters: { fixedBuffer: { amount } } },
    });

    it('wants the busy rooms plus the buffer', () => {
      const decision = desiredRoomCount({
        scheduler: scheduler(buffer(5)),
        counts: counts(1, 4, { allocated: 2, runningMatches: 6 }),
        now,
      });
      expect(decision).toMatchObject({ policy: 'fixedBuffer', unclampedDesired: 11, target: 11 });
      expect(decision.reason).toBe(
        'fixedBuffer: 4 occupied + 2 allocated + buffer of 5 want 11 rooms; scale up from 7 to 11',
      );
    });

    it('scales down to the buffer when there are more live rooms', () => {
      expect(desiredRoomCount({ scheduler: scheduler(buffer(2)), counts: counts(6, 1), now })).toMatchObject({
        target: 3,
        isDownscale: true,
      });
    });

    it('fails clearly when the policy has no parameters', () => {
      const broken: Autoscaling = { ...buffer(1), policy: { type: 'fixedBuffer', parameters: {} } };
      expect(() => desiredRoomCount({ scheduler: scheduler(broken), counts: counts(1, 1), now })).toThrow(
        AutoscalingMisconfiguredError,
      );
    });
  });

  it('reads now and the last downscale as ISO strings or epoch milliseconds alike', () => {
    const input = { scheduler: scheduler(occupancy({ cooldownSeconds: 60 })), counts: counts(10, 0) };
    const asStrings = desiredRoomCount({ ...input, now, lastDownscaleAt: '2026-11-27T11:59:30.000Z' });
    const asNumbers = desiredRoomCount({ ...input, now: nowMs, lastDownscaleAt: nowMs - 30_000 });
    expect(asNumbers).toEqual(asStrings);
  });
});

describe('roomOccupancy as rooms fill up (issue #5 e2e: readyTarget 0.5, min 1, max 10)', () => {
  it('goes (ready, occupied) (1,1) → (2,2) → (4,4) → (2,8) → (0,10) as every ready room turns occupied', () => {
    const sched = scheduler(occupancy({ min: 1, max: 10 }, 0.5));
    let rooms: CountedRoom[] = [];
    const scale = (): void => {
      const { target, available } = desiredRoomCount({ scheduler: sched, counts: countRooms(rooms), now });
      const added = Array.from({ length: Math.max(target - available, 0) }, (): CountedRoom => ({
        status: 'ready',
        runningMatches: 0,
      }));
      rooms = [...rooms, ...added];
    };
    const occupyEveryReadyRoom = (): void => {
      rooms = rooms.map((room) =>
        room.status === 'ready' ? { status: 'occupied', runningMatches: 1 } : room,
      );
    };
    const readyAndOccupied = (): [number, number] => {
      const { ready, occupied } = countRooms(rooms);
      return [ready, occupied];
    };

    scale();
    expect(readyAndOccupied()).toEqual([1, 0]);
    const seen: [number, number][] = [];
    for (let step = 0; step < 5; step++) {
      occupyEveryReadyRoom();
      scale();
      seen.push(readyAndOccupied());
    }
    expect(seen).toEqual([
      [1, 1],
      [2, 2],
      [4, 4],
      [2, 8],
      [0, 10],
    ]);
  });
});
