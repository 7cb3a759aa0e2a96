import {
  type AllocatableRoom,
  isAllocationHeld,
  overlayAllocation,
  pickRoomToAllocate,
} from './allocation.policy';
import { type RoomStatus } from './room-status';

const allocatedAt = '2026-11-27T12:00:00.000Z';
const later = (ms: number): number => Date.parse(allocatedAt) + ms;
const allocated = { status: 'allocated' as const, allocatedAt };

describe('allocation overlay (reference §3.6, default TTL 300 000 ms)', () => {
  // stored status, composed status, ms since allocation → resulting status
  const cases: [string, RoomStatus, RoomStatus, number, RoomStatus][] = [
    ['a ready outcome within the TTL keeps the room allocated', 'allocated', 'ready', 1_000, 'allocated'],
    ['just before the TTL the room is still allocated', 'allocated', 'ready', 299_999, 'allocated'],
    ['at the TTL a ready outcome returns the room to ready', 'allocated', 'ready', 300_000, 'ready'],
    ['after the TTL a ready outcome returns the room to ready', 'allocated', 'ready', 400_000, 'ready'],
    ['an occupied outcome applies within the TTL', 'allocated', 'occupied', 1_000, 'occupied'],
    ['an active outcome applies within the TTL', 'allocated', 'active', 1_000, 'active'],
    ['a terminating outcome applies within the TTL', 'allocated', 'terminating', 1_000, 'terminating'],
    ['an error outcome applies within the TTL', 'allocated', 'error', 1_000, 'error'],
    ['a room that is not allocated is left alone', 'ready', 'ready', 1_000, 'ready'],
  ];

  it.each(cases)('%s', (_name, status, composed, elapsed, expected) => {
    expect(overlayAllocation({ status, allocatedAt }, composed, later(elapsed))).toBe(expected);
  });

  it('uses the TTL it is given', () => {
    expect(overlayAllocation(allocated, 'ready', later(10_000), 5_000)).toBe('ready');
    expect(overlayAllocation(allocated, 'ready', later(4_000), 5_000)).toBe('allocated');
  });

  it('treats an allocated room with no known allocation time as past the TTL', () => {
    expect(isAllocationHeld({ status: 'allocated' }, later(0))).toBe(false);
  });

  it('reads now as an ISO string too', () => {
    expect(isAllocationHeld(allocated, '2026-11-27T12:01:00.000Z')).toBe(true);
  });
});

describe('picking a room to allocate', () => {
  const room = (
    roomId: string,
    status: RoomStatus,
    createdAt: string,
    isValidationRoom = false,
  ): AllocatableRoom => ({
    roomId,
    status,
    createdAt,
    isValidationRoom,
  });

  it('takes the oldest ready room', () => {
    const rooms = [
      room('b', 'ready', '2026-11-27T12:00:02.000Z'),
      room('a', 'occupied', '2026-11-27T12:00:00.000Z'),
      room('c', 'ready', '2026-11-27T12:00:01.000Z'),
      room('d', 'allocated', '2026-11-27T11:00:00.000Z'),
    ];
    expect(pickRoomToAllocate(rooms)?.roomId).toBe('c');
  });

  it('breaks ties by room id, whatever the order the rooms come in', () => {
    const at = '2026-11-27T12:00:00.000Z';
    expect(pickRoomToAllocate([room('y', 'ready', at), room('x', 'ready', at)])?.roomId).toBe('x');
    expect(pickRoomToAllocate([room('x', 'ready', at), room('y', 'ready', at)])?.roomId).toBe('x');
  });

  it('never hands out a validation room', () => {
    const rooms = [
      room('v', 'ready', '2026-11-27T11:00:00.000Z', true),
      room('r', 'ready', '2026-11-27T12:00:00.000Z'),
    ];
    expect(pickRoomToAllocate(rooms)?.roomId).toBe('r');
  });

  it('finds nothing when no room is ready', () => {
    const statuses: RoomStatus[] = [
      'pending',
      'unready',
      'occupied',
      'allocated',
      'active',
      'terminating',
      'error',
    ];
    expect(
      pickRoomToAllocate(statuses.map((status, n) => room(`r${n}`, status, allocatedAt))),
    ).toBeUndefined();
    expect(pickRoomToAllocate<AllocatableRoom>([])).toBeUndefined();
  });
});
