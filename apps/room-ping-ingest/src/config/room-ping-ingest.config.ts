import { hostSetting, kafkaBrokersSetting, logLevelSetting, portSetting } from '@maestro/config';
import { z } from 'zod';

export const roomPingIngestConfigSchema = z.object({
  HOST: hostSetting,
  PORT: portSetting(8070),
  KAFKA_BROKERS: kafkaBrokersSetting.default(['127.0.0.1:19092']),
  /** Partitions of each topic this service creates; every topic must have the same count. */
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).default(6),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).default(1),
  LOG_LEVEL: logLevelSetting,
});

export type RoomPingIngestConfig = z.infer<typeof roomPingIngestConfigSchema>;
