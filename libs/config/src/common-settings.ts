import { z } from 'zod';

/** A TCP port given as a string in the environment. */
export const portSetting = (defaultPort: number) =>
  z.coerce.number().int().min(0).max(65_535).default(defaultPort);

/** A Postgres connection URL. */
export const databaseUrlSetting = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
  .describe('DATABASE_URL');

/** A comma-separated list of host:port Kafka bootstrap brokers. */
export const kafkaBrokersSetting = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'each broker must be host:port')).min(1));

export const logLevelSetting = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info');

/** The address HTTP servers bind to; loopback unless told otherwise. */
export const hostSetting = z.string().min(1).default('127.0.0.1');
