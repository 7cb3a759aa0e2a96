import {
  databaseUrlSetting,
  hostSetting,
  kafkaBrokersSetting,
  kafkaTopicPrefixSetting,
  logLevelSetting,
  portSetting,
} from '@maestro/config';
import { z } from 'zod';

export const roomPingIngestConfigSchema = z.object({
  HOST: hostSetting,
  PORT: portSetting(8070),
  KAFKA_BROKERS: kafkaBrokersSetting.default(['127.0.0.1:19092']),
  /** Prefix of every topic and consumer group on Kafka; the worker's must be the same. */
  KAFKA_TOPIC_PREFIX: kafkaTopicPrefixSetting,
  /** Partitions of each topic this service creates; every topic must have the same count. */
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).default(6),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).default(1),
  /** Only `POST …/rooms/allocate` uses the database; without it that route answers 503. */
  DATABASE_URL: databaseUrlSetting.optional(),
  /** Connections the allocate route may hold at once. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(10),
  /** An allocated room pinging ready stays allocated this long (Maestro: 300 s); as the worker's. */
  ROOM_ALLOCATION_TTL_MS: z.coerce.number().int().min(1).default(300_000),
  LOG_LEVEL: logLevelSetting,
});

export type RoomPingIngestConfig = z.infer<typeof roomPingIngestConfigSchema>;
