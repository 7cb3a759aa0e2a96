import { createDataSource, migrations, openDatabase } from '@maestro/persistence';
import { createTestDatabase, type TestDatabase } from '@maestro/testing';
import { type DataSource } from 'typeorm';
import { eventStoreContract } from '../testing/event-store.contract';
import { PostgresEventStore } from './postgres-event-store.adapter';

let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase('event_store');
  dataSource = await openDatabase({ url: database.url });
});

afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

eventStoreContract('PostgresEventStore on real Postgres', () =>
  Promise.resolve(new PostgresEventStore(dataSource)),
);

describe('PostgresEventStore outbox', () => {
  it('enqueues every appended event in the outbox in the same transaction', async () => {
    const store = new PostgresEventStore(dataSource);
    const { globalPositions } = await store.append('scheduler:outbox', 0, [
      {
        eventId: '6f1c2f7e-3f5e-4a71-8d4b-0c2a9d1e5b01',
        type: 'SchedulerCreated',
        schemaVersion: 1,
        data: {},
      },
    ]);
    const rows: { global_position: string }[] = await dataSource.query('SELECT global_position FROM outbox');
    expect(rows.map((row) => BigInt(row.global_position))).toContain(globalPositions[0]);
  });

  it('leaves neither event nor outbox row behind when the append conflicts', async () => {
    const store = new PostgresEventStore(dataSource);
    await store.append('scheduler:conflict', 0, [
      { eventId: '6f1c2f7e-3f5e-4a71-8d4b-0c2a9d1e5b02', type: 'A', schemaVersion: 1, data: {} },
    ]);
    const before: { n: number }[] = await dataSource.query('SELECT count(*)::int AS n FROM outbox');
    await expect(
      store.append('scheduler:conflict', 0, [
        { eventId: '6f1c2f7e-3f5e-4a71-8d4b-0c2a9d1e5b03', type: 'B', schemaVersion: 1, data: {} },
      ]),
    ).rejects.toThrow('expected 0');
    const after: { n: number }[] = await dataSource.query('SELECT count(*)::int AS n FROM outbox');
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});

describe('migrations', () => {
  it('are idempotent: a second service opening the same database applies nothing twice', async () => {
    const second = await openDatabase({ url: database.url });
    const applied: { name: string }[] = await second.query('SELECT name FROM schema_migrations');
    expect(applied.map((row) => row.name)).toEqual(migrations.map((migration) => new migration().name));
    await second.destroy();
  });

  it('never synchronize the schema from entities', () => {
    expect(createDataSource({ url: database.url }).options.synchronize).toBe(false);
  });
});
