import { createTestDatabase, type TestDatabase } from '@maestro/testing';
import { type DataSource } from 'typeorm';
import { openDatabase } from './data-source';

let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase('persistence');
  dataSource = await openDatabase({ url: database.url });
});

afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

const insertEvent = `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data)
  VALUES ($1, 1, gen_random_uuid(), 'SchedulerCreated', 1, $2) RETURNING global_position`;

describe('Postgres through TypeORM (real server)', () => {
  it('runs the migrations and reports the server it talks to', async () => {
    const [{ server_version }]: [{ server_version: string }] = await dataSource.query('SHOW server_version');
    expect(server_version).toMatch(/^\d+/);
    const tables: { table_name: string }[] = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['consumer_checkpoints', 'events', 'outbox', 'schema_migrations']),
    );
  });

  it('writes in a transaction, reads its own write inside it, and keeps it after commit', async () => {
    const seenInside = await dataSource.transaction(async (manager) => {
      await manager.query(insertEvent, ['scheduler:tx-commit', JSON.stringify({ game: 'g' })]);
      const rows: { data: unknown }[] = await manager.query('SELECT data FROM events WHERE stream_id = $1', [
        'scheduler:tx-commit',
      ]);
      return rows.map((row) => row.data);
    });
    expect(seenInside).toEqual([{ game: 'g' }]);
    const after: unknown[] = await dataSource.query('SELECT 1 FROM events WHERE stream_id = $1', [
      'scheduler:tx-commit',
    ]);
    expect(after).toHaveLength(1);
  });

  it('leaves nothing behind when a transaction fails half way', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(insertEvent, ['scheduler:tx-rollback', '{}']);
        throw new Error('boom after the first write');
      }),
    ).rejects.toThrow('boom');
    const rows: unknown[] = await dataSource.query('SELECT 1 FROM events WHERE stream_id = $1', [
      'scheduler:tx-rollback',
    ]);
    expect(rows).toHaveLength(0);
  });

  it('refuses a second event at the same (stream, version)', async () => {
    await dataSource.query(insertEvent, ['scheduler:dup', '{}']);
    await expect(dataSource.query(insertEvent, ['scheduler:dup', '{}'])).rejects.toThrow(
      /events_stream_version_unique/,
    );
  });
});
