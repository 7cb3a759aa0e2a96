import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseConnector } from '../persistence.module';
import { ensureDatabaseTemplate, type DatabaseTemplate } from './database-template';
import { EmbeddedDatabase } from './embedded-database';
import { SharedPersistenceModule } from './shared-persistence.module';

// PGlite initializes a new database in several seconds on a busy two-core machine (the template once).
const slowMs = 180_000;

let workDir: string;
let cacheDir: string;
let template: DatabaseTemplate;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'maestro-template-'));
  cacheDir = join(workDir, 'cache');
  template = await ensureDatabaseTemplate(cacheDir);
}, slowMs);

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

async function migratedTables(database: EmbeddedDatabase): Promise<string[]> {
  const rows = await database.dataSource.query<{ name: string }[]>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_name IN ('events', 'outbox') ORDER BY 1",
  );
  return rows.map((row) => row.name);
}

describe('ensureDatabaseTemplate', () => {
  it('keeps one initialised database per PGlite version, as a directory and a dump, and reuses it', async () => {
    expect(existsSync(join(template.dir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(template.archive)).toBe(true);
    expect(await ensureDatabaseTemplate(cacheDir)).toEqual(template);
    // No draft left behind by either call.
    expect(readdirSync(cacheDir).sort()).toEqual(
      [template.dir, template.archive].map((path) => path.slice(cacheDir.length + 1)).sort(),
    );
  });
});

describe('EmbeddedDatabase from the template', () => {
  it(
    'starts a new data directory as a copy, migrates it, and keeps it across a restart',
    async () => {
      const dataDir = join(workDir, 'data');
      const first = await EmbeddedDatabase.open({ dataDir, templateCacheDir: cacheDir });
      expect(await migratedTables(first)).toEqual(['events', 'outbox']);
      await first.dataSource.query("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
      await first.close();

      const second = await EmbeddedDatabase.open({ dataDir, templateCacheDir: cacheDir });
      expect(await second.dataSource.query('SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
      await second.close();
      await second.close();
    },
    slowMs,
  );

  it(
    'starts an in-memory database from the dump',
    async () => {
      const database = await EmbeddedDatabase.open({ inMemory: true, templateCacheDir: cacheDir });
      expect(database.postgres.dataDir).toBeUndefined();
      expect(await migratedTables(database)).toEqual(['events', 'outbox']);
      await database.close();
      expect(database.dataSource.isInitialized).toBe(false);
    },
    slowMs,
  );
});

describe('SharedPersistenceModule', () => {
  it(
    "lends the data source to an application without closing it at the application's shutdown",
    async () => {
      const database = await EmbeddedDatabase.open({ inMemory: true, templateCacheDir: cacheDir });
      const module = SharedPersistenceModule.forRoot(database.dataSource);
      const connectorProvider = (module.providers ?? []).find(
        (provider) => typeof provider === 'object' && provider.provide === DatabaseConnector,
      ) as { useFactory: () => DatabaseConnector } | undefined;
      const connector = connectorProvider!.useFactory();

      connector.onApplicationBootstrap();
      await connector.whenReady();
      await connector.onApplicationShutdown();

      expect(database.dataSource.isInitialized).toBe(true);
      expect(await database.dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      await database.close();
    },
    slowMs,
  );
});
