import { type DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DatabaseConnector } from '../persistence.module';

/**
 * Waits for the data source like `DatabaseConnector` (it is open already, so that is a check of the
 * migrations) but leaves it open at shutdown: it belongs to whoever lent it, who closes it after
 * every application that borrowed it.
 */
class BorrowedDatabaseConnector extends DatabaseConnector {
  override onApplicationShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * `PersistenceModule.forRoot` on a data source the process opened itself and shares between several
 * Nest applications: the embedded mode runs the three services in one process on one embedded
 * database, which serves a single connection. Provides the same `DataSource` and `DatabaseConnector`.
 */
@Module({})
export class SharedPersistenceModule {
  static forRoot(dataSource: DataSource): DynamicModule {
    return {
      module: SharedPersistenceModule,
      global: true,
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: DatabaseConnector, useFactory: () => new BorrowedDatabaseConnector(dataSource) },
      ],
      exports: [DataSource, DatabaseConnector],
    };
  }
}
