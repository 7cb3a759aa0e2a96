import {
  databaseUrlSetting,
  hostSetting,
  kafkaBrokersSetting,
  logLevelSetting,
  portSetting,
} from '@maestro/config';
import { z } from 'zod';

export const workerConfigSchema = z.object({
  HOST: hostSetting,
  /** The worker serves only /healthz, /readyz and /metrics. */
  PORT: portSetting(8081),
  DATABASE_URL: databaseUrlSetting.default('postgres://postgres@127.0.0.1:54329/maestro'),
  KAFKA_BROKERS: kafkaBrokersSetting.default(['127.0.0.1:19092']),
  /** Kubeconfig file of the cluster that runs the rooms; unset uses the default lookup. */
  KUBECONFIG: z.string().min(1).optional(),
  LOG_LEVEL: logLevelSetting,
});

export type WorkerConfig = z.infer<typeof workerConfigSchema>;
