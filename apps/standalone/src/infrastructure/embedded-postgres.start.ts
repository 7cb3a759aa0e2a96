import { EmbeddedPostgres } from '@maestro/persistence/embedded';
import { join } from 'node:path';
import { type StandaloneSettings } from '../config/standalone.config';

export interface StartedPostgres {
  readonly postgres: EmbeddedPostgres;
  /** How long it took to start (from an initialised template, a data directory, or memory). */
  readonly ms: number;
}

/**
 * Starts the embedded database in its own thread. It imports only what the database needs, so
 * main.ts can call it before the services' modules load (most of the start-up time) and both
 * proceed at once.
 */
export async function startEmbeddedPostgres(settings: StandaloneSettings): Promise<StartedPostgres> {
  const startedAt = performance.now();
  const postgres = await EmbeddedPostgres.start({
    ...(settings.EMBEDDED_DATABASE === 'memory'
      ? { inMemory: true as const }
      : { dataDir: join(settings.dataDir, 'database') }),
    templateCacheDir: settings.cacheDir,
  });
  return { postgres, ms: Math.round(performance.now() - startedAt) };
}
