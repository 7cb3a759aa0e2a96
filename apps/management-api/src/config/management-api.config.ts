import { databaseUrlSetting, hostSetting, logLevelSetting, portSetting } from '@maestro/config';
import { z } from 'zod';

export const managementApiConfigSchema = z.object({
  HOST: hostSetting,
  PORT: portSetting(8080),
  DATABASE_URL: databaseUrlSetting.default('postgres://postgres@127.0.0.1:54329/maestro'),
  LOG_LEVEL: logLevelSetting,
});

export type ManagementApiConfig = z.infer<typeof managementApiConfigSchema>;
