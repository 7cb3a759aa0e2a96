import {
  databaseUrlSetting,
  kafkaBrokersSetting,
  logLevelSetting,
  parseConfig,
  processEnvironment,
} from '@maestro/config';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { ServiceConfigs } from './service-configs';

const milliseconds = (defaultMs: number) => z.coerce.number().int().min(1).default(defaultMs);

/**
 * What the one-process mode chooses: each part is embedded unless configured to the real thing
 * (DATABASE_URL, KAFKA_BROKERS, RUNTIME=kubernetes). The services' own settings come from their
 * schemas, read from the same environment.
 */
export const standaloneConfigSchema = z.object({
  LOG_LEVEL: logLevelSetting,
  /** Postgres server to use instead of the embedded database. */
  DATABASE_URL: databaseUrlSetting.optional(),
  /** Kafka brokers to use instead of the in-process message bus. */
  KAFKA_BROKERS: kafkaBrokersSetting.optional(),
  /** Where rooms run: local processes (default) or pods of the cluster KUBECONFIG names. */
  RUNTIME: z.enum(['process', 'kubernetes']).default('process'),
  /** The embedded database (`database/`) and the rooms' directories and logs (`rooms/`). */
  MAESTRO_DATA_DIR: z.string().min(1).default('.maestro'),
  /** `directory` keeps the embedded database in MAESTRO_DATA_DIR; `memory` forgets it at exit. */
  EMBEDDED_DATABASE: z.enum(['directory', 'memory']).default('directory'),
  /** Where the initialised empty database that new ones are copied from is kept. */
  MAESTRO_CACHE_DIR: z.string().min(1).optional(),
  /** How rooms reach the rooms API (default: its own address, with 127.0.0.1 for a wildcard host). */
  ROOMS_API_ADDRESS: z.url().optional(),
  /** Longest wait between SIGTERM and SIGKILL of a room process, whatever its grace period says. */
  ROOM_STOP_TIMEOUT_MS: milliseconds(10_000),
  /** Handed to room processes (with HOME), so their command is found as in a shell. */
  PATH: z.string().default('/usr/local/bin:/usr/bin:/bin'),
  HOME: z.string().optional(),
  XDG_CACHE_HOME: z.string().optional(),
});

export interface StandaloneSettings extends z.infer<typeof standaloneConfigSchema> {
  readonly dataDir: string;
  readonly cacheDir: string;
}

/**
 * The process's own settings. They are read before the services' modules load, so the embedded
 * database can start meanwhile (in its own thread); the services' settings are read after
 * (services.ts).
 */
export function parseStandaloneSettings(
  env: Record<string, string | undefined> = processEnvironment(),
): StandaloneSettings {
  const settings = parseConfig(standaloneConfigSchema, env);
  const cacheHome = settings.XDG_CACHE_HOME ?? join(settings.HOME ?? homedir(), '.cache');
  return {
    ...settings,
    dataDir: resolve(settings.MAESTRO_DATA_DIR),
    cacheDir: resolve(settings.MAESTRO_CACHE_DIR ?? join(cacheHome, 'maestro')),
  };
}

/** Everything the process runs with: its own settings and the three services'. */
export type StandaloneConfig = StandaloneSettings & ServiceConfigs;
