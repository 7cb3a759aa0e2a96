import { type RoomCounts, noRooms } from './room-counts';
import { defaultDownThreshold, roomOccupancy } from './room-occupancy.policy';

/** Single-match rooms: the occupied ones run one match each. */
const singleMatch = (total: number, occupied: number): RoomCounts => ({
  ...noRooms,
  ready: total - occupied,
  occupied,
  runningMatches: occupied,
});

describe('roomOccupancy policy (reference §8)', () => {
  // Maestro's documentation table: total rooms, occupied rooms, readyTarget → desired rooms.
  const docTable: [number, number, number, number][] = [
    [100, 80, 0.5, 160],
    [50, 40, 0.3, 58],
    [10, 5, 0.9, 50],
    [10, 1, 0.8, 5],
    [5, 5, 0.1, 6],
    [2, 2, 0.9, 20],
  ];

  it.each(docTable)(
    'wants, for %i rooms of which %i occupied at readyTarget %f, %i rooms',
    (total, occupied, readyTarget, desired) => {
      const outcome = roomOccupancy({ readyTarget, downThreshold: 0.99 }, singleMatch(total, occupied), 1);
      expect(outcome.desiredRooms).toBe(desired);
    },
  );

  it('wants no room when nothing is played (the min clamp comes later)', () => {
    expect(roomOccupancy({ readyTarget: 0.3, downThreshold: 0 }, singleMatch(4, 0), 1).desiredRooms).toBe(0);
  });

  it('sizes multi-match rooms by matches: 7 matches at 0.5 want 14 slots, 5 rooms of 3', () => {
    const counts: RoomCounts = { ...noRooms, ready: 1, active: 2, occupied: 1, runningMatches: 7 };
    const outcome = roomOccupancy({ readyTarget: 0.5, downThreshold: 0.9 }, counts, 3);
    expect(outcome).toMatchObject({
      desiredMatches: 14,
      desiredRooms: 5,
      freeSlots: 4 * 3 - 7,
      desiredFreeSlots: 8,
    });
  });

  describe('whether a downscale is allowed', () => {
    // readyTarget, downThreshold, occupied, ready → allowed (Maestro's policy tests).
    const cases: [number, number, number, number, boolean][] = [
      [0.5, 0.6, 80, 120, false], // 80 desired free slots / 120 free = 0.67 > 0.6
      [0.5, 0.7, 70, 130, true], // 70 / 130 = 0.54
      [0.5, 0.6, 60, 140, true], // 60 / 140 = 0.43
      [0.5, 0.99, 0, 10, true], // nothing played: 0 / 10
      [0.5, 0.5, 1, 1, false], // 1 / 1
    ];

    it.each(cases)(
      'at readyTarget %f and downThreshold %f with %i occupied and %i ready: %s',
      (readyTarget, downThreshold, occupied, ready, allowed) => {
        const outcome = roomOccupancy(
          { readyTarget, downThreshold },
          singleMatch(occupied + ready, occupied),
          1,
        );
        expect(outcome.canDownscale).toBe(allowed);
      },
    );

    it('is refused when no match slot is free', () => {
      const full = roomOccupancy({ readyTarget: 0.5, downThreshold: 0.99 }, singleMatch(10, 10), 1);
      expect(full).toMatchObject({ freeSlots: 0, canDownscale: false });
    });

    it('is refused when rooms report more matches than they hold', () => {
      const counts: RoomCounts = { ...noRooms, occupied: 1, runningMatches: 5 };
      expect(roomOccupancy({ readyTarget: 0.5, downThreshold: 0.99 }, counts, 1).canDownscale).toBe(false);
    });

    it(`uses a downThreshold of ${defaultDownThreshold} when the scheduler gives 0`, () => {
      // 1 desired free slot for 3 free: 0.33, allowed under 0.99 (a literal 0 would refuse it)…
      const some = roomOccupancy({ readyTarget: 0.5, downThreshold: 0 }, singleMatch(4, 1), 1);
      expect(some).toMatchObject({ downThreshold: defaultDownThreshold, canDownscale: true });
      // …and 1 for 1: 1 > 0.99, refused.
      expect(roomOccupancy({ readyTarget: 0.5, downThreshold: 0 }, singleMatch(2, 1), 1).canDownscale).toBe(
        false,
      );
    });
  });
});
