import { createTestDatabase, type TestDatabase } from '@maestro/testing';
import { type DataSource } from 'typeorm';
import { openDatabase } from '../data-source';
import { type ProjectedSchedulerEvent, SchedulerReadModelProjector } from './scheduler-read-model.projector';
import { SchedulerReadModelQueries } from './scheduler-read-model.queries';

let database: TestDatabase;
let dataSource: DataSource;
const projector = new SchedulerReadModelProjector();
let queries: SchedulerReadModelQueries;

beforeAll(async () => {
  database = await createTestDatabase('scheduler_read_model');
  dataSource = await openDatabase({ url: database.url });
  queries = new SchedulerReadModelQueries(dataSource);
});

afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

/** A scheduler document as `SchedulerCreated` v1 carries it (only what these tables read matters). */
const document = (name: string, game: string, createdAt: string) => ({
  name,
  game,
  roomsReplicas: 2,
  spec: { version: 'v1.0.0', terminationGracePeriod: 100, containers: [] },
  autoscaling: null,
  createdAt,
});
const created = (
  name: string,
  game: string,
  createdAt = '2026-11-27T10:00:00.000Z',
): ProjectedSchedulerEvent => ({
  type: 'SchedulerCreated',
  schemaVersion: 1,
  streamVersion: 1,
  data: document(name, game, createdAt),
});
const project = (...events: ProjectedSchedulerEvent[]) =>
  dataSource.transaction((manager) => projector.apply(events, manager));

describe('schedulers read model (real Postgres)', () => {
  beforeAll(async () => {
    await project(created('alpha', 'tennis'), created('bravo', 'chess'), created('charlie', 'tennis'));
  });

  it('lists created schedulers, creating, at v1.0.0, filtered by name, game and active version', async () => {
    expect((await queries.list({})).map((row) => row.name)).toEqual(['alpha', 'bravo', 'charlie']);
    expect((await queries.list({ game: 'tennis' })).map((row) => row.name)).toEqual(['alpha', 'charlie']);
    expect(await queries.list({ game: 'tennis', name: 'charlie', version: 'v1.0.0' })).toEqual([
      {
        name: 'charlie',
        state: 'creating',
        document: document('charlie', 'tennis', '2026-11-27T10:00:00.000Z'),
      },
    ]);
    expect(await queries.list({ version: 'v2.0.0' })).toEqual([]);
  });

  it('finds the active version or a named one, and nothing for unknown ones', async () => {
    expect((await queries.find('alpha'))?.document).toEqual(
      document('alpha', 'tennis', '2026-11-27T10:00:00.000Z'),
    );
    expect((await queries.find('alpha', 'v1.0.0'))?.state).toBe('creating');
    expect(await queries.find('alpha', 'v1.1.0')).toBeUndefined();
    expect(await queries.find('zulu')).toBeUndefined();
  });

  it('lists versions with the active one marked, and knows no versions of an unknown scheduler', async () => {
    expect(await queries.versions('bravo')).toEqual([
      { version: 'v1.0.0', isActive: true, createdAt: new Date('2026-11-27T10:00:00.000Z') },
    ]);
    expect(await queries.versions('zulu')).toBeUndefined();
  });

  it('changes nothing when an event is applied twice (rebuilds replay the log)', async () => {
    await project({ ...created('alpha', 'other-game', '2027-01-01T00:00:00.000Z') });
    expect(await queries.list({ name: 'alpha' })).toEqual([
      { name: 'alpha', state: 'creating', document: document('alpha', 'tennis', '2026-11-27T10:00:00.000Z') },
    ]);
  });

  it('counts rooms in exactly the ready, occupied, pending and terminating statuses', async () => {
    const statuses = [
      'ready',
      'ready',
      'occupied',
      'pending',
      'terminating',
      'unready',
      'error',
      'allocated',
    ];
    for (const [index, status] of statuses.entries()) {
      await dataSource.query(
        `INSERT INTO rooms (scheduler_name, room_id, version, status, created_at) VALUES ('alpha', $1, 'v1.0.0', $2, now())`,
        [`alpha-${index}`, status],
      );
    }
    const info = await queries.info('tennis');
    expect(
      info.map(({ name, roomsReady, roomsOccupied, roomsPending, roomsTerminating }) => ({
        name,
        roomsReady,
        roomsOccupied,
        roomsPending,
        roomsTerminating,
      })),
    ).toEqual([
      { name: 'alpha', roomsReady: 2, roomsOccupied: 1, roomsPending: 1, roomsTerminating: 1 },
      { name: 'charlie', roomsReady: 0, roomsOccupied: 0, roomsPending: 0, roomsTerminating: 0 },
    ]);
    expect((await queries.info()).map((row) => row.name)).toEqual(['alpha', 'bravo', 'charlie']);
    expect(await queries.info('unknown-game')).toEqual([]);
  });

  it('refuses, and so rolls back the append, an event whose document lacks its keys', async () => {
    const broken: ProjectedSchedulerEvent = { ...created('delta', 'chess'), data: { name: 'delta' } };
    await expect(project(broken)).rejects.toThrow('scheduler document without game');
    expect(await queries.find('delta')).toBeUndefined();
  });
});
