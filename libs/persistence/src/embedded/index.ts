// `@maestro/persistence/embedded`: the embedded database without the rest of the library, so a
// process can start it (in its own thread) before it loads its heavier modules.
export { EmbeddedPostgres, type EmbeddedPostgresOptions, type EmbeddedStorage } from './embedded-postgres';
export { DataDirectoryInUseError } from './data-directory-lock';
export { ensureDatabaseTemplate, type DatabaseTemplate } from './database-template';
