import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { migrations } from './migrations';

export interface DataSourceOptions {
  /** postgres://user:password@host:port/database */
  readonly url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity list type
  readonly entities?: MixedList<Function | string | EntitySchema>;
  /** Pool size; the embedded database serves one connection at a time. */
  readonly poolSize?: number;
  readonly applicationName?: string;
}

/** A TypeORM data source on Postgres with the project's migrations; never synchronizes the schema. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities ?? [],
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: options.applicationName ?? 'maestro',
    extra: { max: options.poolSize ?? 10 },
  });
}

/** Arbitrary but fixed key of the advisory lock that serialises migrations across processes. */
const migrationLockKey = 727_100_001;

/**
 * Initializes the data source and applies pending migrations. Several services may start at once
 * against an empty database, so the migrations run under a Postgres advisory lock (held on its own
 * connection; a single-connection pool has a single process and needs none).
 */
export async function openDatabase(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  try {
    await runMigrationsExclusively(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** Applies pending migrations of an initialized data source under the migration lock. */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  const poolSize = (dataSource.options.extra as { max?: number } | undefined)?.max ?? 10;
  const lock = poolSize > 1 ? dataSource.createQueryRunner() : undefined;
  try {
    await lock?.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    await dataSource.runMigrations({ transaction: 'each' });
    await lock?.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
  } finally {
    await lock?.release();
  }
}
