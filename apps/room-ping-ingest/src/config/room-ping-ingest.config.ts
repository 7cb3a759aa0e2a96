import { hostSetting, kafkaBrokersSetting, logLevelSetting, portSetting } from '@maestro/config';
import { z } from 'zod';

export const roomPingIngestConfigSchema = z.object({
  HOST: hostSetting,
  PORT: portSetting(8070),
  KAFKA_BROKERS: kafkaBrokersSetting.default(['127.0.0.1:19092']),
  LOG_LEVEL: logLevelSetting,
});

export type RoomPingIngestConfig = z.infer<typeof roomPingIngestConfigSchema>;
