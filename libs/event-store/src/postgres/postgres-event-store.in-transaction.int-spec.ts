import { type RecordedEvent } from '@maestro/application';
import { openDatabase } from '@maestro/persistence';
import { createTestDatabase, type TestDatabase } from '@maestro/testing';
import { type DataSource, type EntityManager } from 'typeorm';
import { type PostgresInlineProjection } from './inline-projection';
import { PostgresEventStore } from './postgres-event-store.adapter';

let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase('event_store_tx');
  dataSource = await openDatabase({ url: database.url });
  await dataSource.query('CREATE TABLE caller_rows (id TEXT PRIMARY KEY)');
  await dataSource.query('CREATE TABLE projected (event_id UUID PRIMARY KEY)');
});

afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

/** Writes one row per event, to show projections run on the caller's transaction. */
class ProjectedIds implements PostgresInlineProjection {
  readonly name = 'projected';

  async apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) await manager.query('INSERT INTO projected VALUES ($1)', [event.eventId]);
  }
}

const count = async (sql: string, parameters: unknown[]): Promise<number> =>
  (await dataSource.query<{ n: number }[]>(sql, parameters))[0]?.n ?? Number.NaN;

describe('PostgresEventStore.appendInTransaction', () => {
  it("commits the events, their outbox rows and projections with the caller's own writes", async () => {
    const store = new PostgresEventStore(dataSource, [new ProjectedIds()]);
    const eventId = '3c7f6b0e-8a59-4b0c-9d7e-1f2a3b4c5d01';
    const result = await dataSource.transaction(async (manager) => {
      await manager.query("INSERT INTO caller_rows VALUES ('committed')");
      return store.appendInTransaction(manager, 'room:tx/committed', 0, [
        { eventId, type: 'RoomAllocated', schemaVersion: 1, data: {} },
      ]);
    });
    expect(result.nextExpectedVersion).toBe(1);
    expect(await store.readStream('room:tx/committed')).toEqual([expect.objectContaining({ eventId })]);
    expect(
      await count('SELECT count(*)::int AS n FROM outbox WHERE global_position = $1', [
        String(result.globalPositions[0]),
      ]),
    ).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM projected WHERE event_id = $1', [eventId])).toBe(1);
  });

  it('leaves no event, outbox row or projection behind when the caller rolls back', async () => {
    const store = new PostgresEventStore(dataSource, [new ProjectedIds()]);
    const eventId = '3c7f6b0e-8a59-4b0c-9d7e-1f2a3b4c5d02';
    const outboxBefore = await count('SELECT count(*)::int AS n FROM outbox', []);
    await expect(
      dataSource.transaction(async (manager) => {
        await store.appendInTransaction(manager, 'room:tx/rolled-back', 'any', [
          { eventId, type: 'RoomAllocated', schemaVersion: 1, data: {} },
        ]);
        await manager.query("INSERT INTO caller_rows VALUES ('rolled-back')");
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('the caller changed its mind');
    expect(await store.readStream('room:tx/rolled-back')).toEqual([]);
    expect(await count('SELECT count(*)::int AS n FROM outbox', [])).toBe(outboxBefore);
    expect(await count('SELECT count(*)::int AS n FROM projected WHERE event_id = $1', [eventId])).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM caller_rows WHERE id = 'rolled-back'", [])).toBe(0);
  });

  it('refuses a stale expected version inside the transaction', async () => {
    const store = new PostgresEventStore(dataSource);
    await store.append('room:tx/versioned', 0, [
      { eventId: '3c7f6b0e-8a59-4b0c-9d7e-1f2a3b4c5d03', type: 'A', schemaVersion: 1, data: {} },
    ]);
    await expect(
      dataSource.transaction((manager) =>
        store.appendInTransaction(manager, 'room:tx/versioned', 0, [
          { eventId: '3c7f6b0e-8a59-4b0c-9d7e-1f2a3b4c5d04', type: 'B', schemaVersion: 1, data: {} },
        ]),
      ),
    ).rejects.toThrow('expected 0');
  });
});

describe('PostgresEventStore.appendToStreams', () => {
  it('writes every event’s outbox row and runs the inline projections, in one transaction', async () => {
    const store = new PostgresEventStore(dataSource, [new ProjectedIds()]);
    const ids = ['5d2e8a10-0000-4000-8000-000000000001', '5d2e8a10-0000-4000-8000-000000000002'];
    const results = await store.appendToStreams(
      ids.map((eventId, index) => ({
        streamId: `room:many/${index}`,
        events: [{ eventId, type: 'RoomCreated', schemaVersion: 1, data: {} }],
      })),
    );
    const positions = results.flatMap((result) => result.globalPositions.map(String));
    expect(
      await count('SELECT count(*)::int AS n FROM outbox WHERE global_position = ANY($1::bigint[])', [
        positions,
      ]),
    ).toBe(2);
    expect(
      await count('SELECT count(*)::int AS n FROM projected WHERE event_id = ANY($1::uuid[])', [ids]),
    ).toBe(2);
  });
});
