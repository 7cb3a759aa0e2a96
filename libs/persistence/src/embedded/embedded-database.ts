import { type DataSource } from 'typeorm';
import { openDatabase } from '../data-source';
import { EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres';

export type EmbeddedDatabaseOptions = EmbeddedPostgresOptions & { readonly applicationName?: string };

/**
 * The embedded database with its one pooled connection, opened and migrated: what the embedded mode
 * lends its applications (`SharedPersistenceModule`). `close()` ends the pool, then the database.
 */
export class EmbeddedDatabase {
  private closing?: Promise<void>;

  private constructor(
    readonly postgres: EmbeddedPostgres,
    readonly dataSource: DataSource,
  ) {}

  static async open(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
    const { applicationName, ...postgresOptions } = options;
    return EmbeddedDatabase.connect(await EmbeddedPostgres.start(postgresOptions), { applicationName });
  }

  /** Opens the pool on a database already started, and migrates; stops the database on failure. */
  static async connect(
    postgres: EmbeddedPostgres,
    { applicationName }: { readonly applicationName?: string | undefined } = {},
  ): Promise<EmbeddedDatabase> {
    try {
      const dataSource = await openDatabase({
        url: postgres.url,
        poolSize: 1,
        ...(applicationName === undefined ? {} : { applicationName }),
      });
      return new EmbeddedDatabase(postgres, dataSource);
    } catch (error) {
      await postgres.stop();
      throw error;
    }
  }

  /** Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        if (this.dataSource.isInitialized) await this.dataSource.destroy();
      } finally {
        await this.postgres.stop();
      }
    })();
    return this.closing;
  }
}
