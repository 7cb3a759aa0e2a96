import { fixedBuffer } from './fixed-buffer.policy';
import { type RoomCounts, noRooms } from './room-counts';

describe('fixedBuffer policy (reference §8)', () => {
  it('wants the occupied and allocated rooms plus the buffer', () => {
    const counts: RoomCounts = { ...noRooms, ready: 2, occupied: 4, allocated: 1, active: 3 };
    expect(fixedBuffer({ amount: 5 }, counts).desiredRooms).toBe(10);
  });

  // live rooms (total − terminating − error) against desired: downscale only when strictly above.
  const cases: [string, RoomCounts, boolean][] = [
    ['more live rooms than desired', { ...noRooms, ready: 6, occupied: 2 }, true],
    ['exactly the desired rooms', { ...noRooms, ready: 5, occupied: 2 }, false],
    ['fewer live rooms than desired', { ...noRooms, ready: 1, occupied: 2 }, false],
    [
      'many rooms, but the extra ones terminating or in error',
      { ...noRooms, ready: 5, occupied: 2, terminating: 4, error: 3 },
      false,
    ],
    ['pending and unready rooms count as live', { ...noRooms, ready: 5, occupied: 2, pending: 1 }, true],
  ];

  it.each(cases)('with %s, a downscale allowed is %s', (_name, counts, allowed) => {
    expect(fixedBuffer({ amount: 5 }, counts).canDownscale).toBe(allowed);
  });
});
