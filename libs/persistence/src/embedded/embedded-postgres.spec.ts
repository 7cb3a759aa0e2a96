import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DataSource } from 'typeorm';
import { openDatabase } from '../data-source';
import { migrations } from '../migrations';
import { DataDirectoryInUseError, lockDataDirectory, lockFileName } from './data-directory-lock';
import { EmbeddedPostgres } from './embedded-postgres';

// PGlite initializes a new data directory in several seconds on a busy two-core machine.
const startTimeoutMs = 120_000;

let workDir: string;
let dataDir: string;
let embedded: EmbeddedPostgres | undefined;
let dataSource: DataSource | undefined;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'maestro-embedded-'));
  dataDir = join(workDir, 'data');
  embedded = await EmbeddedPostgres.start({ dataDir });
  dataSource = await openDatabase({ url: embedded.url, poolSize: 1 });
}, startTimeoutMs);

afterAll(async () => {
  await dataSource?.destroy();
  await embedded?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

async function insertEvent(db: DataSource, streamId: string): Promise<void> {
  await db.query(
    `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data)
     VALUES ($1, 1, gen_random_uuid(), 'SchedulerCreated', 1, '{}')`,
    [streamId],
  );
}

async function streamsNamed(db: DataSource, streamIds: string[]): Promise<string[]> {
  const rows = await db.query<{ stream_id: string }[]>(
    'SELECT stream_id FROM events WHERE stream_id = ANY($1::text[]) ORDER BY stream_id',
    [streamIds],
  );
  return rows.map((row) => row.stream_id);
}

describe('EmbeddedPostgres', () => {
  it('serves a postgres:// url on 127.0.0.1 on which the migrations run', async () => {
    expect(embedded!.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    const applied = await dataSource!.query<{ name: string }[]>('SELECT name FROM schema_migrations');
    expect(applied.map((row) => row.name)).toEqual(migrations.map((migration) => new migration().name));
  });

  it('refuses a second start on a data directory in use, naming the directory and the process', async () => {
    const second = EmbeddedPostgres.start({ dataDir });
    await expect(second).rejects.toBeInstanceOf(DataDirectoryInUseError);
    await expect(second).rejects.toThrow(`${dataDir} is in use by process ${String(process.pid)}`);
  });

  it('lets a transaction finish before another statement runs on the single connection', async () => {
    // Transaction A rolls back while B waits for the connection: B's row survives. On one shared
    // PGlite session without the single-connection pool, B would run inside A and vanish with it.
    const a = dataSource!.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data)
         VALUES ('scheduler:rolled-back', 1, gen_random_uuid(), 'SchedulerCreated', 1, '{}')`,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      throw new Error('roll back');
    });
    const b = insertEvent(dataSource!, 'scheduler:independent');
    await expect(a).rejects.toThrow('roll back');
    await b;
    expect(await streamsNamed(dataSource!, ['scheduler:rolled-back', 'scheduler:independent'])).toEqual([
      'scheduler:independent',
    ]);
  });

  it(
    'keeps committed data across a stop and a start on the same data directory',
    async () => {
      await insertEvent(dataSource!, 'scheduler:durable');
      await dataSource!.destroy();
      await embedded!.stop();
      expect(existsSync(join(dataDir, lockFileName))).toBe(false);

      embedded = await EmbeddedPostgres.start({ dataDir });
      dataSource = await openDatabase({ url: embedded.url, poolSize: 1 });
      expect(await streamsNamed(dataSource, ['scheduler:durable'])).toEqual(['scheduler:durable']);
      const applied = await dataSource.query<{ name: string }[]>('SELECT name FROM schema_migrations');
      expect(applied).toHaveLength(migrations.length);
    },
    startTimeoutMs,
  );

  it('can be stopped twice', async () => {
    await dataSource!.destroy();
    dataSource = undefined;
    await Promise.all([embedded!.stop(), embedded!.stop()]);
    await embedded!.stop();
    expect(existsSync(join(dataDir, lockFileName))).toBe(false);
  });
});

describe('lockDataDirectory', () => {
  it('takes over the lock of a process that is gone', () => {
    const dir = mkdtempSync(join(workDir, 'stale-'));
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dir, lockFileName), `${String(gone)}\n`);
    const release = lockDataDirectory(dir);
    expect(readFileSync(join(dir, lockFileName), 'utf8').trim()).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, lockFileName))).toBe(false);
  });
});
