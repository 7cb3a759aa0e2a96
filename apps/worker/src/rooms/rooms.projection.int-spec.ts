import { roomStatusChangedV1 } from '@maestro/contracts';
import { roomStreamId } from '@maestro/domain';
import { roomCreated, roomDeleted, roomEvent, roomsDatabase } from './rooms-database.fixture';

const database = roomsDatabase('rooms_projection');
const scheduler = 'arena';
const event = (type: string, data: Record<string, unknown>) => roomEvent(scheduler, type, data);
const created = (roomId: string) => roomCreated(scheduler, roomId);
const statusChanged = (roomId: string, previousStatus: string, status: string, runningMatches = 0) =>
  event(roomStatusChangedV1.type, {
    schedulerName: scheduler,
    roomId,
    previousStatus,
    status,
    pingStatus: status === 'pending' ? 'unknown' : status,
    instanceStatus: 'ready',
    runningMatches,
    changedAt: '2026-12-01T00:00:01.000Z',
  });
const deleted = (roomId: string) => roomDeleted(scheduler, roomId);
const stream = (roomId: string) => roomStreamId(scheduler, roomId);

async function rows(): Promise<{ room_id: string; status: string; running_matches: number }[]> {
  return database.dataSource.query(
    'SELECT room_id, status, running_matches FROM rooms WHERE scheduler_name = $1 ORDER BY room_id',
    [scheduler],
  );
}

describe('RoomsProjection', () => {
  beforeEach(async () => {
    await database.dataSource.query('DELETE FROM rooms');
  });

  it('applies a batch of several rooms as applying their events one by one would', async () => {
    await database.store.appendToStreams([
      { streamId: stream('a'), events: [created('a'), statusChanged('a', 'pending', 'ready')] },
      { streamId: stream('b'), events: [created('b')] },
      { streamId: stream('c'), events: [created('c'), statusChanged('c', 'pending', 'ready')] },
    ]);
    await database.store.appendToStreams([
      // Two changes of one room in one append: the last one stays.
      {
        streamId: stream('a'),
        events: [statusChanged('a', 'ready', 'occupied', 1), statusChanged('a', 'occupied', 'ready')],
      },
      { streamId: stream('b'), events: [statusChanged('b', 'pending', 'occupied', 2)] },
      { streamId: stream('c'), events: [deleted('c')] },
    ]);

    expect(await rows()).toEqual([
      { room_id: 'a', status: 'ready', running_matches: 0 },
      { room_id: 'b', status: 'occupied', running_matches: 2 },
    ]);
  });

  it('keeps the order between events of different types about the same room', async () => {
    await database.store.append(stream('d'), 'any', [
      created('d'),
      statusChanged('d', 'pending', 'ready'),
      deleted('d'),
    ]);
    await database.store.append(stream('e'), 'any', [
      created('e'),
      statusChanged('e', 'pending', 'ready'),
      statusChanged('e', 'ready', 'occupied', 1),
    ]);

    expect(await rows()).toEqual([{ room_id: 'e', status: 'occupied', running_matches: 1 }]);
  });

  it('writes nothing for events it does not project, and a status change of an unknown room is a no-op', async () => {
    await database.store.append(stream('f'), 'any', [
      event('RoomAddressAssigned', { schedulerName: scheduler, roomId: 'f', host: '10.0.0.1', ports: [] }),
      statusChanged('f', 'pending', 'ready'),
    ]);

    expect(await rows()).toEqual([]);
  });
});
