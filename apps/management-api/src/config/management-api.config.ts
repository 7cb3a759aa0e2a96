import { databaseUrlSetting, hostSetting, logLevelSetting, portSetting } from '@maestro/config';
import { z } from 'zod';

export interface BasicAuthUser {
  readonly user: string;
  readonly password: string;
}

/**
 * `user:password` pairs separated by commas. A password may contain `:` (the user ends at the
 * first one) but not `,`.
 */
const basicAuthUsersSetting = z
  .string()
  .default('')
  .transform((value, context): BasicAuthUser[] => {
    const users: BasicAuthUser[] = [];
    for (const entry of value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)) {
      const separator = entry.indexOf(':');
      const user = entry.slice(0, separator);
      const password = entry.slice(separator + 1);
      if (separator <= 0 || password === '') {
        context.addIssue({ code: 'custom', message: 'each entry must be user:password, both non-empty' });
        return z.NEVER;
      }
      users.push({ user, password });
    }
    return users;
  });

export const managementApiConfigSchema = z
  .object({
    HOST: hostSetting,
    PORT: portSetting(8080),
    DATABASE_URL: databaseUrlSetting.default('postgres://postgres@127.0.0.1:54329/maestro'),
    LOG_LEVEL: logLevelSetting,
    /** `basic` (the default) protects every /schedulers route; `disabled` must be asked for. */
    MANAGEMENT_API_AUTH: z.enum(['basic', 'disabled']).default('basic'),
    MANAGEMENT_API_USERS: basicAuthUsersSetting,
  })
  .superRefine((config, context) => {
    if (config.MANAGEMENT_API_AUTH === 'basic' && config.MANAGEMENT_API_USERS.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['MANAGEMENT_API_USERS'],
        message:
          'set at least one user:password (comma-separated), or MANAGEMENT_API_AUTH=disabled to run without authentication',
      });
    }
  });

export type ManagementApiConfig = z.infer<typeof managementApiConfigSchema>;
