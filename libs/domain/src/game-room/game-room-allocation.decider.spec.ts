import { type GameRoom, type GameRoomEvent } from './game-room';
import {
  type GameRoomCommand,
  GameRoomCommandRejected,
  decideGameRoom,
  evolveGameRoom,
  observeGameRoom,
} from './game-room.decider';

const created = '2026-11-27T12:00:00.000Z';
const at = (secondsAfterCreation: number): string =>
  new Date(Date.parse(created) + secondsAfterCreation * 1000).toISOString();

const create: GameRoomCommand = {
  kind: 'CreateRoom',
  schedulerName: 'sched',
  roomId: 'sched-bcdfg',
  version: 'v1.0.0',
  ports: [],
  isValidationRoom: false,
  at: created,
};
const instanceReady = (seconds: number, allocationTtlMs?: number): GameRoomCommand => ({
  kind: 'RecordInstanceStatus',
  instanceStatus: 'ready',
  maxMatches: 1,
  at: at(seconds),
  ...(allocationTtlMs === undefined ? {} : { allocationTtlMs }),
});
const ping = (
  pingStatus: 'ready' | 'occupied' | 'terminating',
  seconds: number,
  allocationTtlMs?: number,
): GameRoomCommand => ({
  kind: 'RecordPing',
  pingStatus,
  runningMatches: 0,
  maxMatches: 1,
  at: at(seconds),
  ...(allocationTtlMs === undefined ? {} : { allocationTtlMs }),
});
const allocate = (seconds: number): GameRoomCommand => ({ kind: 'AllocateRoom', at: at(seconds) });

/** Runs commands as the fleet controller does (observe, then the decided events). */
function run(...commands: GameRoomCommand[]): { room: GameRoom | undefined; events: GameRoomEvent[] } {
  let room: GameRoom | undefined;
  const events: GameRoomEvent[] = [];
  for (const command of commands) {
    const decided = decideGameRoom(command, room);
    if (room) room = observeGameRoom(room, command);
    room = decided.reduce(evolveGameRoom, room);
    events.push(...decided);
  }
  return { room, events };
}

const readyRoom = [create, instanceReady(1), ping('ready', 2)] as const;

describe('allocating a room (reference §3.6)', () => {
  it('turns a ready room allocated and remembers when', () => {
    const { room, events } = run(...readyRoom, allocate(10));
    expect(events.at(-1)).toEqual({
      type: 'RoomStatusChanged',
      data: {
        schedulerName: 'sched',
        roomId: 'sched-bcdfg',
        previousStatus: 'ready',
        status: 'allocated',
        pingStatus: 'ready',
        instanceStatus: 'ready',
        runningMatches: 0,
        changedAt: at(10),
      },
    });
    expect(room).toMatchObject({ status: 'allocated', allocatedAt: at(10) });
  });

  it('decides nothing for a room that is not ready', () => {
    const unready = run(create, instanceReady(1));
    expect(unready.room?.status).toBe('unready');
    expect(decideGameRoom(allocate(5), unready.room)).toEqual([]);
    const occupied = run(...readyRoom, ping('occupied', 3));
    expect(decideGameRoom(allocate(5), occupied.room)).toEqual([]);
    const alreadyAllocated = run(...readyRoom, allocate(4));
    expect(decideGameRoom(allocate(5), alreadyAllocated.room)).toEqual([]);
  });

  it('never allocates a validation room', () => {
    const validation: GameRoomCommand = { ...create, isValidationRoom: true };
    const { room } = run(validation, instanceReady(1), ping('ready', 2));
    expect(room?.status).toBe('ready');
    expect(decideGameRoom(allocate(3), room)).toEqual([]);
  });

  it('refuses to allocate an unknown room', () => {
    expect(() => decideGameRoom(allocate(1), undefined)).toThrow(GameRoomCommandRejected);
  });

  it('keeps the room allocated when it pings ready within the TTL', () => {
    const { room, events } = run(...readyRoom, allocate(10), ping('ready', 100), ping('ready', 309));
    expect(events.map((event) => event.type === 'RoomStatusChanged' && event.data.status).at(-1)).toBe(
      'allocated',
    );
    expect(room).toMatchObject({ status: 'allocated', allocatedAt: at(10), lastPingAt: at(309) });
  });

  it('keeps the room allocated when its instance is reported again within the TTL', () => {
    expect(run(...readyRoom, allocate(10), instanceReady(20)).room?.status).toBe('allocated');
  });

  it('returns the room to ready on a ready ping after the TTL, forgetting the allocation', () => {
    const { room } = run(...readyRoom, allocate(10), ping('ready', 310));
    expect(room?.status).toBe('ready');
    expect(room?.allocatedAt).toBeUndefined();
  });

  it('applies an occupied ping at once, and later ready pings normally', () => {
    const occupied = run(...readyRoom, allocate(10), ping('occupied', 20));
    expect(occupied.room?.status).toBe('occupied');
    expect(occupied.room?.allocatedAt).toBeUndefined();
    expect(run(...readyRoom, allocate(10), ping('occupied', 20), ping('ready', 30)).room?.status).toBe(
      'ready',
    );
  });

  it('applies a terminating ping at once', () => {
    expect(run(...readyRoom, allocate(10), ping('terminating', 20)).room?.status).toBe('terminating');
  });

  it('uses the TTL the command carries', () => {
    expect(run(...readyRoom, allocate(10), ping('ready', 16, 5_000)).room?.status).toBe('ready');
    expect(run(...readyRoom, allocate(10), ping('ready', 14, 5_000)).room?.status).toBe('allocated');
    expect(run(...readyRoom, allocate(10), instanceReady(16, 5_000)).room?.status).toBe('ready');
  });

  it('starts a new allocation time when the room is allocated again', () => {
    const { room } = run(...readyRoom, allocate(10), ping('ready', 400), allocate(500));
    expect(room).toMatchObject({ status: 'allocated', allocatedAt: at(500) });
  });
});
