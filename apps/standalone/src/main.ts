import { parseStandaloneSettings } from './config/standalone.config';
import { startEmbeddedPostgres } from './infrastructure/embedded-postgres.start';

/**
 * Maestro in one process: management API, rooms API and worker on embedded defaults (or on the
 * configured Postgres, Kafka and Kubernetes). The embedded database starts first, in its own thread,
 * while the services' modules load: the two take most of the start-up time and overlap.
 */
async function main(): Promise<void> {
  const settings = parseStandaloneSettings();
  const embedded = settings.DATABASE_URL === undefined ? startEmbeddedPostgres(settings) : undefined;
  // Awaited later; meanwhile a failure must not count as unhandled.
  void embedded?.catch(() => undefined);
  const { runMaestro } = await import('./run-maestro.js');
  await runMaestro(settings, embedded);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
