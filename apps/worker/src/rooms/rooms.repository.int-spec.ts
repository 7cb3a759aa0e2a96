import { roomStreamId } from '@maestro/domain';
import { roomCreated, roomDeleted, roomsDatabase } from './rooms-database.fixture';
import { RoomsRepository } from './rooms.repository';

const database = roomsDatabase('rooms_repository');
const scheduler = 'lobby';
const repository = () => new RoomsRepository(database.dataSource);

async function createRoom(roomId: string): Promise<void> {
  await database.store.append(roomStreamId(scheduler, roomId), 'any', [roomCreated(scheduler, roomId)]);
}

async function lastPings(): Promise<Record<string, string | undefined>> {
  const rooms = await repository().loadAll();
  return Object.fromEntries(rooms.map((room) => [room.roomId, room.lastPingAt]));
}

describe('RoomsRepository', () => {
  it('keeps each room’s latest ping time, never moving it back, across many statements', async () => {
    const many = Array.from({ length: 2_500 }, (_, index) => `room-${index}`);
    for (const roomId of many) await createRoom(roomId);
    const at = (second: number) => new Date(Date.UTC(2026, 11, 1, 0, 0, second)).toISOString();

    await repository().saveLastPings(
      many.map((roomId) => ({ schedulerName: scheduler, roomId, at: at(10) })),
    );
    await repository().saveLastPings([
      { schedulerName: scheduler, roomId: 'room-0', at: at(20) },
      { schedulerName: scheduler, roomId: 'room-1', at: at(5) },
    ]);

    const pings = await lastPings();
    expect(pings['room-0']).toBe(at(20));
    expect(pings['room-1']).toBe(at(10));
    expect(pings['room-2499']).toBe(at(10));
    expect(Object.values(pings).filter((time) => time === undefined)).toEqual([]);
  });

  it('writes no time for a room that is gone, and forgets the time of a room deleted later', async () => {
    await createRoom('kept');
    await createRoom('deleted-later');
    await repository().saveLastPings([
      { schedulerName: scheduler, roomId: 'kept', at: '2026-12-01T00:01:00.000Z' },
      { schedulerName: scheduler, roomId: 'deleted-later', at: '2026-12-01T00:01:00.000Z' },
      { schedulerName: scheduler, roomId: 'never-existed', at: '2026-12-01T00:01:00.000Z' },
    ]);
    await database.store.append(roomStreamId(scheduler, 'deleted-later'), 'any', [
      roomDeleted(scheduler, 'deleted-later'),
    ]);

    const rows = await database.dataSource.query<{ room_id: string }[]>(
      `SELECT room_id FROM room_last_pings WHERE room_id IN ('kept', 'deleted-later', 'never-existed')`,
    );
    expect(rows.map((row) => row.room_id)).toEqual(['kept']);
  });
});
