import {
  databaseUrlSetting,
  hostSetting,
  kafkaBrokersSetting,
  kafkaTopicPrefixSetting,
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
  /** Prefix of every topic and consumer group on Kafka, for installations sharing a cluster. */
  KAFKA_TOPIC_PREFIX: kafkaTopicPrefixSetting,
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
  /** A major version's validation room must be ready within this (Maestro: 120 s). */
  ROOM_VALIDATION_TIMEOUT_MS: milliseconds(120_000),
  /** Validation rooms tried before a major version is refused (Maestro: 3). */
  ROOM_VALIDATION_ATTEMPTS: z.coerce.number().int().min(1).default(3),
  /** Also accept an `occupied` validation room (Maestro's roomValidationAcceptOccupiedStatus). */
  ROOM_VALIDATION_ACCEPT_OCCUPIED: z.stringbool().default(false),
  /** A room silent this long is expired and replaced (Maestro: 240 s). */
  ROOM_PING_TIMEOUT_MS: milliseconds(240_000),
  /** A room not ready this long after creation is expired and replaced (Maestro: 120 s). */
  ROOM_INITIALIZATION_TIMEOUT_MS: milliseconds(120_000),
  /** A terminating room still there this long after its last ping is removed (Maestro: 120 s). */
  ROOM_DELETION_TIMEOUT_MS: milliseconds(120_000),
  /** An allocated room pinging ready stays allocated this long (Maestro: 300 s). */
  ROOM_ALLOCATION_TTL_MS: milliseconds(300_000),
  /** Rooms of one scheduler created (or removed) side by side when a scale-up (or down) needs many. */
  ROOM_CHANGE_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** How long delete_scheduler waits for the rooms' instances to stop. */
  SCHEDULER_DELETION_TIMEOUT_MS: milliseconds(300_000),
  LOG_LEVEL: logLevelSetting,
});

export type WorkerConfig = z.infer<typeof workerConfigSchema>;
