import { type GameRoom } from '@maestro/domain';
import { foldPings, type RoomPing } from './ping-folding';

const settings = { maxMatches: 1, allocationTtlMs: 300_000 };
const at = (seconds: number) => new Date(Date.UTC(2026, 11, 6, 6, 0, seconds)).toISOString();

function room(roomId: string, overrides: Partial<GameRoom> = {}): GameRoom {
  return {
    schedulerName: 'arena',
    roomId,
    version: 'v1.0.0',
    ports: [],
    isValidationRoom: false,
    status: 'unready',
    pingStatus: 'unknown',
    instanceStatus: 'ready',
    runningMatches: 0,
    createdAt: at(0),
    ...overrides,
  };
}

function ping(roomId: string, status: RoomPing['status'], seconds: number): RoomPing {
  return {
    schedulerName: 'arena',
    roomId,
    status,
    runningMatches: status === 'occupied' ? 1 : 0,
    receivedAt: at(seconds),
  };
}

const statusesOf = (events: readonly { type: string; data: unknown }[] | undefined) =>
  (events ?? []).map((event) => (event.data as { status: string }).status);

describe('foldPings', () => {
  it('decides each ping against the room as the earlier pings of the batch left it', () => {
    const current = new Map([['a', room('a')]]);

    const folded = foldPings(
      current,
      [ping('a', 'ready', 1), ping('a', 'occupied', 2), ping('a', 'ready', 3)],
      settings,
    );

    expect(statusesOf(folded.events.get('a'))).toEqual(['ready', 'occupied', 'ready']);
    expect(folded.rooms.get('a')).toMatchObject({ status: 'ready', lastPingAt: at(3) });
    expect(current.get('a')?.status).toBe('unready');
  });

  it('moves only the last-ping time of a room whose ping repeats its status, with no event', () => {
    const current = new Map([['a', room('a', { status: 'ready', pingStatus: 'ready', lastPingAt: at(1) })]]);

    const folded = foldPings(current, [ping('a', 'ready', 5)], settings);

    expect(folded.events.has('a')).toBe(false);
    expect(folded.rooms.get('a')).toMatchObject({ status: 'ready', lastPingAt: at(5) });
  });

  it('ignores pings of unknown rooms, older than the last applied one, or from before the room existed', () => {
    const current = new Map([
      [
        'late',
        room('late', { status: 'occupied', pingStatus: 'occupied', lastPingAt: at(10), runningMatches: 1 }),
      ],
      ['young', room('young', { createdAt: at(20) })],
    ]);

    const folded = foldPings(
      current,
      [ping('ghost', 'ready', 30), ping('late', 'ready', 9), ping('young', 'ready', 19)],
      settings,
    );

    expect(folded.rooms.size).toBe(0);
    expect(folded.events.size).toBe(0);
  });
});
