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

/**
 * Prepended to every Kafka topic and consumer group name, so several installations (or benchmarks and
 * tests) share a cluster without reading each other's events; empty (the default) for none. Kafka's
 * topic characters only, and at most 200 of them: the names Maestro derives from a topic stay within
 * Kafka's 249 (the messaging adapter checks the exact bound too).
 */
export const kafkaTopicPrefixSetting = z
  .string()
  .regex(/^[a-zA-Z0-9._-]*$/, "may contain only letters, digits, '.', '_' and '-' (Kafka topic characters)")
  .max(200, 'must be at most 200 characters (Kafka topic names are at most 249)')
  .default('');

export const logLevelSetting = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info');

/** The address HTTP servers bind to; loopback unless told otherwise. */
export const hostSetting = z.string().min(1).default('127.0.0.1');
