import { type DataSource, QueryFailedError } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

interface PreparedQueryConfig {
  readonly name: string;
  readonly text: string;
  readonly values: readonly unknown[];
}

/** The part of pg's Pool a prepared query needs. */
interface PgPool {
  query(config: PreparedQueryConfig): Promise<{ rows: unknown[] }>;
}

/**
 * Runs `text` as a named prepared statement on the data source's connection pool: each connection
 * parses and plans it once, then only binds and runs it. For statements on a hot path whose
 * planning costs a good share of their running (allocation). TypeORM's `query` cannot name a
 * statement, so this goes to its Postgres driver's pg pool; a failure is raised as TypeORM's
 * `QueryFailedError`, as `query` would, so callers read `driverError` either way.
 */
export async function queryPrepared<Row>(
  dataSource: DataSource,
  statement: PreparedQueryConfig,
): Promise<Row[]> {
  const driver = dataSource.driver;
  if (!(driver instanceof PostgresDriver)) {
    return dataSource.query<Row[]>(statement.text, [...statement.values]);
  }
  const pool = driver.master as PgPool;
  try {
    const result = await pool.query(statement);
    return result.rows as Row[];
  } catch (error) {
    throw new QueryFailedError(
      statement.text,
      [...statement.values],
      error instanceof Error ? error : new Error(String(error)),
    );
  }
}
