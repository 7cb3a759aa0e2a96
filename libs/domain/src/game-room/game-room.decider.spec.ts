import { type GameRoom, type GameRoomEvent } from './game-room';
import { type GameRoomCommand, decideGameRoom, evolveGameRoom, observeGameRoom } from './game-room.decider';

const at = '2026-11-27T10:00:00.000Z';
const create: GameRoomCommand = {
  kind: 'CreateRoom',
  schedulerName: 'sched',
  roomId: 'sched-bcdfg',
  version: 'v1.0.0',
  ports: [{ containerName: 'game', name: 'game', protocol: 'udp', containerPort: 7777, hostPort: 20_001 }],
  isValidationRoom: false,
  at,
};

/** given events, when a command, then the events it decides — and the room after them. */
function given(...history: GameRoomCommand[]): {
  room: GameRoom | undefined;
  when: (c: GameRoomCommand) => GameRoomEvent[];
} {
  let room: GameRoom | undefined;
  for (const command of history) {
    const events = decideGameRoom(command, room);
    if (room) room = observeGameRoom(room, command);
    room = events.reduce(evolveGameRoom, room);
  }
  return { room, when: (command) => decideGameRoom(command, room) };
}

const instance = (instanceStatus: 'pending' | 'ready' | 'error' | 'terminating'): GameRoomCommand => ({
  kind: 'RecordInstanceStatus',
  instanceStatus,
  maxMatches: 1,
  at,
});
const ping = (
  pingStatus: 'ready' | 'occupied' | 'terminating' | 'terminated',
  runningMatches = 0,
): GameRoomCommand => ({
  kind: 'RecordPing',
  pingStatus,
  runningMatches,
  maxMatches: 1,
  at,
});

describe('game room decider', () => {
  it('creates a pending room once', () => {
    expect(given().when(create)).toEqual([
      { type: 'RoomCreated', data: expect.objectContaining({ roomId: 'sched-bcdfg', createdAt: at }) },
    ]);
    expect(given(create).room?.status).toBe('pending');
    expect(given(create).when(create)).toEqual([]);
  });

  it('turns unready when the instance is ready but the room has not pinged yet', () => {
    expect(given(create).when(instance('ready'))).toEqual([
      {
        type: 'RoomStatusChanged',
        data: expect.objectContaining({ previousStatus: 'pending', status: 'unready' }),
      },
    ]);
  });

  it('turns ready, then occupied, on pings once the instance is ready', () => {
    expect(given(create, instance('ready')).when(ping('ready'))).toEqual([
      {
        type: 'RoomStatusChanged',
        data: expect.objectContaining({ previousStatus: 'unready', status: 'ready' }),
      },
    ]);
    const occupied = given(create, instance('ready'), ping('ready')).when(ping('occupied'));
    expect(occupied).toEqual([
      { type: 'RoomStatusChanged', data: expect.objectContaining({ status: 'occupied', runningMatches: 1 }) },
    ]);
  });

  it('stays pending while the instance is pending, whatever the room pings', () => {
    expect(given(create).when(ping('ready'))).toEqual([]);
    expect(given(create, ping('ready')).when(instance('ready'))).toEqual([
      { type: 'RoomStatusChanged', data: expect.objectContaining({ status: 'ready' }) },
    ]);
  });

  it('decides nothing when a ping repeats the current status', () => {
    expect(given(create, instance('ready'), ping('ready')).when(ping('ready'))).toEqual([]);
  });

  it('refuses a move the transition table forbids, leaving the status alone', () => {
    const { room, when } = given(create, instance('ready'), ping('ready'));
    expect(when(ping('terminated'))).toEqual([]);
    expect(room?.status).toBe('ready');
  });

  it('goes to error when the instance fails', () => {
    expect(given(create, instance('ready'), ping('occupied')).when(instance('error'))).toEqual([
      {
        type: 'RoomStatusChanged',
        data: expect.objectContaining({ previousStatus: 'occupied', status: 'error' }),
      },
    ]);
  });

  it('deletes a known room with its reason, and ignores deleting an unknown one', () => {
    expect(given(create).when({ kind: 'DeleteRoom', reason: 'instance_vanished', at })).toEqual([
      {
        type: 'RoomDeleted',
        data: { schedulerName: 'sched', roomId: 'sched-bcdfg', reason: 'instance_vanished', deletedAt: at },
      },
    ]);
    expect(given().when({ kind: 'DeleteRoom', reason: 'scale_down', at })).toEqual([]);
  });
});
