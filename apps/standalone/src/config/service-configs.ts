import { ConfigError, parseConfig, processEnvironment } from '@maestro/config';
import { type ManagementApiConfig, managementApiConfigSchema } from '@maestro/management-api';
import { type RoomPingIngestConfig, roomPingIngestConfigSchema } from '@maestro/room-ping-ingest';
import { type WorkerConfig, workerConfigSchema } from '@maestro/worker';
import { type z } from 'zod';

export interface ServiceConfigs {
  readonly managementApi: ManagementApiConfig;
  readonly roomsApi: RoomPingIngestConfig;
  readonly worker: WorkerConfig;
}

type Source = Record<string, string | undefined>;

/**
 * The services' settings, from the same environment as when they run apart, naming every problem at
 * once. Each service's PORT comes from its own variable (MANAGEMENT_API_PORT, ROOMS_API_PORT,
 * WORKER_PORT), so the three never share one.
 */
export function parseServiceConfigs(env: Source = processEnvironment()): ServiceConfigs {
  const problems: string[] = [];
  const parse = <T>(service: string, schema: z.ZodType<T>, source: Source): T | undefined => {
    try {
      return parseConfig(schema, source);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems.map((problem) => `${service}: ${problem}`));
      return undefined;
    }
  };
  const managementApi = parse('management-api', managementApiConfigSchema, {
    ...env,
    PORT: env.MANAGEMENT_API_PORT ?? '8080',
  });
  const roomsApi = parse('room-ping-ingest', roomPingIngestConfigSchema, {
    ...env,
    PORT: env.ROOMS_API_PORT ?? '8070',
  });
  const worker = parse('worker', workerConfigSchema, { ...env, PORT: env.WORKER_PORT ?? '8081' });
  if (!managementApi || !roomsApi || !worker) throw new ConfigError(problems);
  return { managementApi, roomsApi, worker };
}
