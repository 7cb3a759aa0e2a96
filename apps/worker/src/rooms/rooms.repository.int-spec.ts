import { type NewEvent } from '@maestro/application';
import { roomCreatedV1, roomDeletedV1 } from '@maestro/contracts';
import { roomStreamId } from '@maestro/domain';
import { PostgresEventStore } from '@maestro/event-store';
import { openDatabase } from '@maestro/persistence';
import { createTestDatabase, type TestDatabase } from '@maestro/testing';
import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { RoomsProjection } from './rooms.projection';
import { RoomsRepository } from './rooms.repository';

let database: TestDatabase;
let dataSource: DataSource;
let store: PostgresEventStore;
let repository: RoomsRepository;

beforeAll(async () => {
  database = await createTestDatabase('rooms_repository');
  dataSource = await openDatabase({ url: database.url, poolSize: 2 });
  store = new PostgresEventStore(dataSource, [new RoomsProjection()]);
  repository = new RoomsRepository(dataSource);
});

afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

const scheduler = 'lobby';
const event = (type: string, data: Record<string, unknown>): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: { subject: scheduler, source: 'maestro/worker' },
});

async function createRoom(roomId: string): Promise<void> {
  await store.append(roomStreamId(scheduler, roomId), 'any', [
    event(roomCreatedV1.type, {
      schedulerName: scheduler,
      roomId,
      version: 'v1.0.0',
      ports: [],
      isValidationRoom: false,
      createdAt: '2026-12-01T00:00:00.000Z',
    }),
  ]);
}

async function lastPings(): Promise<Record<string, string | undefined>> {
  const rooms = await repository.loadAll();
  return Object.fromEntries(rooms.map((room) => [room.roomId, room.lastPingAt]));
}

describe('RoomsRepository', () => {
  it('keeps each room’s latest ping time, never moving it back, across many statements', async () => {
    const many = Array.from({ length: 2_500 }, (_, index) => `room-${index}`);
    for (const roomId of many) await createRoom(roomId);
    const at = (second: number) => new Date(Date.UTC(2026, 11, 1, 0, 0, second)).toISOString();

    await repository.saveLastPings(many.map((roomId) => ({ schedulerName: scheduler, roomId, at: at(10) })));
    await repository.saveLastPings([
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
    await repository.saveLastPings([
      { schedulerName: scheduler, roomId: 'kept', at: '2026-12-01T00:01:00.000Z' },
      { schedulerName: scheduler, roomId: 'deleted-later', at: '2026-12-01T00:01:00.000Z' },
      { schedulerName: scheduler, roomId: 'never-existed', at: '2026-12-01T00:01:00.000Z' },
    ]);
    await store.append(roomStreamId(scheduler, 'deleted-later'), 'any', [
      event(roomDeletedV1.type, {
        schedulerName: scheduler,
        roomId: 'deleted-later',
        reason: 'scale_down',
        deletedAt: '2026-12-01T00:02:00.000Z',
      }),
    ]);

    const rows = await dataSource.query<{ room_id: string }[]>(
      `SELECT room_id FROM room_last_pings WHERE room_id IN ('kept', 'deleted-later', 'never-existed')`,
    );
    expect(rows.map((row) => row.room_id)).toEqual(['kept']);
  });
});
