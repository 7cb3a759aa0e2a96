export { createDataSource, openDatabase, type DataSourceOptions } from './data-source';
export { migrations } from './migrations';
export { PostgresReadinessCheck } from './postgres.readiness-check';
export { DatabaseConnector, PersistenceModule } from './persistence.module';
export { runMigrationsExclusively } from './data-source';
