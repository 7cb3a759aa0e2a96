import {
  databaseUrlSetting,
  hostSetting,
  kafkaBrokersSetting,
  logLevelSetting,
  portSetting,
} from '@maestro/config';
import { z } from 'zod';

const milliseconds = (defaultMs: number) => z.coerce.number().int().min(1).default(defaultMs);

export const workerConfigSchema = z.object({
  HOST: hostSetting,
  /** The worker serves only /healthz, /readyz and /metrics. */
  PORT: portSetting(8081),
  DATABASE_URL: databaseUrlSetting.default('postgres://postgres@127.0.0.1:54329/maestro'),
  KAFKA_BROKERS: kafkaBrokersSetting.default(['127.0.0.1:19092']),
  /** Partitions of every topic (all topics share the count). */
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).default(6),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).default(1),
  /** Workers sharing a consumer group share the schedulers (Kafka splits the partitions). */
  KAFKA_CONSUMER_GROUP: z.string().min(1).default('worker'),
  /** A worker silent this long loses its schedulers to the others (broker minimum: 6 s). */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).default(10_000),
  /** Kubeconfig file of the cluster that runs the rooms; unset uses the default lookup. */
  KUBECONFIG: z.string().min(1).optional(),
  /** Period of the safety-net reconcile; events trigger reconciles immediately. */
  RECONCILE_INTERVAL_MS: milliseconds(10_000),
  LAST_PING_FLUSH_INTERVAL_MS: milliseconds(1_000),
  INSTANCE_START_GRACE_MS: milliseconds(30_000),
  LOG_LEVEL: logLevelSetting,
});

export type WorkerConfig = z.infer<typeof workerConfigSchema>;
