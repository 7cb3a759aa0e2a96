import { type DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource, type DataSourceOptions } from '../data-source';
import { DatabaseConnector } from '../persistence.module';
import { EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres';

export type EmbeddedPersistenceOptions = EmbeddedPostgresOptions &
  Pick<DataSourceOptions, 'entities' | 'applicationName'>;

/** Connects and migrates like `DatabaseConnector`, and stops the embedded database after its pool. */
class EmbeddedDatabaseConnector extends DatabaseConnector {
  constructor(
    dataSource: DataSource,
    private readonly embedded: EmbeddedPostgres,
  ) {
    super(dataSource);
  }

  override async onApplicationShutdown(): Promise<void> {
    try {
      await super.onApplicationShutdown();
    } finally {
      await this.embedded.stop();
    }
  }
}

/**
 * `PersistenceModule.forRoot` on an embedded database instead of a server: it provides the same
 * `DataSource` (one pooled connection) and `DatabaseConnector`, plus the `EmbeddedPostgres`. The
 * database starts while the application is created, so a data directory in use fails the start-up
 * with `DataDirectoryInUseError`; it stops on application shutdown, after the pool is closed.
 * Import one of the two modules, not both.
 */
@Module({})
export class EmbeddedPersistenceModule {
  static forRoot(options: EmbeddedPersistenceOptions): DynamicModule {
    const { entities, applicationName, ...storage } = options;
    return {
      module: EmbeddedPersistenceModule,
      global: true,
      providers: [
        { provide: EmbeddedPostgres, useFactory: () => EmbeddedPostgres.start(storage) },
        {
          provide: DataSource,
          useFactory: (embedded: EmbeddedPostgres) =>
            createDataSource({ url: embedded.url, poolSize: 1, entities, applicationName }),
          inject: [EmbeddedPostgres],
        },
        {
          provide: DatabaseConnector,
          useFactory: (dataSource: DataSource, embedded: EmbeddedPostgres) =>
            new EmbeddedDatabaseConnector(dataSource, embedded),
          inject: [DataSource, EmbeddedPostgres],
        },
      ],
      exports: [DataSource, DatabaseConnector, EmbeddedPostgres],
    };
  }
}
