import { type LoggerService } from '@nestjs/common';
import { republishRelayedHistory } from '@maestro/event-store';
import { type ManagementApiInfrastructure } from '@maestro/management-api';
import { InMemoryMessageBus, MessagingModule } from '@maestro/messaging';
import { EmbeddedDatabase, SharedPersistenceModule, openDatabase } from '@maestro/persistence';
import { ProcessRuntimeModule } from '@maestro/process-runtime';
import { type RoomPingIngestInfrastructure } from '@maestro/room-ping-ingest';
import { type WorkerInfrastructure } from '@maestro/worker';
import { join } from 'node:path';
import { type DataSource } from 'typeorm';
import { type StandaloneConfig } from '../config/standalone.config';
import { type StartedPostgres } from './embedded-postgres.start';

/**
 * The adapters the three services share in one process. Each part is embedded unless configured:
 * the database (PGlite, one connection lent to the management API and the worker), the message bus
 * (one in-process bus for the rooms API and the worker) and the rooms' runtime (local processes).
 * A configured part is left to the services' own configuration, as when they run apart.
 */
export interface Infrastructure {
  readonly managementApi: ManagementApiInfrastructure | undefined;
  readonly roomsApi: RoomPingIngestInfrastructure | undefined;
  /** The worker's, once the rooms API's address (which rooms are given) is known. */
  worker(roomsApiAddress: string): WorkerInfrastructure;
  /** What each part runs on, one line each, for people. */
  readonly summary: readonly (readonly [string, string])[];
  /** After every service closed: the bus, then the database. */
  close(): Promise<void>;
}

/** `embedded`: the embedded database main.ts started, unless DATABASE_URL names a server. */
export async function openInfrastructure(
  config: StandaloneConfig,
  logger: LoggerService,
  embedded: Promise<StartedPostgres> | undefined,
): Promise<Infrastructure> {
  const database = embedded && (await connectEmbeddedDatabase(await embedded, logger));
  try {
    const bus =
      config.KAFKA_BROKERS === undefined ? await openInProcessBus(config, database, logger) : undefined;
    const persistence = database && SharedPersistenceModule.forRoot(database.dataSource);
    const messaging = bus && { module: MessagingModule.forInMemory({ bus }), readinessChecks: [] };
    const roomsDir = join(config.dataDir, 'rooms');
    return {
      managementApi: persistence && { persistence },
      roomsApi:
        messaging || persistence
          ? {
              ...(messaging ? { messaging: messaging.module, messagingReadinessChecks: [] } : {}),
              ...(persistence ? { persistence } : {}),
            }
          : undefined,
      worker: (roomsApiAddress) => ({
        ...(persistence ? { persistence } : {}),
        ...(messaging ? { messaging } : {}),
        ...(config.RUNTIME === 'process'
          ? {
              runtime: {
                module: ProcessRuntimeModule.forRoot({
                  baseDir: roomsDir,
                  roomsApiAddress,
                  baseEnvironment: { PATH: config.PATH, ...(config.HOME ? { HOME: config.HOME } : {}) },
                  maxGracePeriodMs: config.ROOM_STOP_TIMEOUT_MS,
                }),
                readinessChecks: [],
              },
            }
          : {}),
      }),
      summary: [
        [
          'database',
          database
            ? `embedded (PGlite), ${database.postgres.dataDir === undefined ? 'in memory: forgotten at exit' : `in ${database.postgres.dataDir}`}`
            : 'Postgres at DATABASE_URL',
        ],
        ['message bus', bus ? 'in-process' : kafkaSummary(config)],
        [
          'rooms',
          config.RUNTIME === 'process'
            ? `local processes, each with its log in ${join(roomsDir, '<scheduler>', '<room>', 'room.log')}`
            : 'pods on Kubernetes (KUBECONFIG)',
        ],
      ],
      close: async () => {
        try {
          await bus?.close();
        } finally {
          await database?.close();
        }
      },
    };
  } catch (error) {
    await database?.close();
    throw error;
  }
}

/** The services read KAFKA_TOPIC_PREFIX from the same environment, so the worker's is everyone's. */
function kafkaSummary(config: StandaloneConfig): string {
  const brokers = `Kafka at ${config.KAFKA_BROKERS?.join(',') ?? ''}`;
  const prefix = config.worker.KAFKA_TOPIC_PREFIX;
  return prefix === '' ? brokers : `${brokers}, topics and groups prefixed \`${prefix}\``;
}

async function connectEmbeddedDatabase(
  { postgres, ms }: StartedPostgres,
  logger: LoggerService,
): Promise<EmbeddedDatabase> {
  const startedAt = performance.now();
  const database = await EmbeddedDatabase.connect(postgres, { applicationName: 'maestro' });
  logger.log(
    {
      msg: 'embedded database started, connected and migrated',
      dataDir: postgres.dataDir ?? 'memory',
      startMs: ms,
      connectMs: Math.round(performance.now() - startedAt),
    },
    'Maestro',
  );
  return database;
}

/**
 * The bus forgets everything when the process ends, a broker does not: what the relay published
 * before is published again, before any service reads the bus (see republishRelayedHistory).
 */
async function openInProcessBus(
  config: StandaloneConfig,
  database: EmbeddedDatabase | undefined,
  logger: LoggerService,
): Promise<InMemoryMessageBus> {
  const bus = new InMemoryMessageBus({
    partitions: config.worker.KAFKA_TOPIC_PARTITIONS,
    log: (level, message, fields) => {
      const entry = { msg: message, ...fields };
      if (level === 'info') logger.log(entry, 'Messaging');
      else if (level === 'debug') logger.debug?.(entry, 'Messaging');
      else logger[level](entry, 'Messaging');
    },
  });
  const borrowed = database?.dataSource;
  const dataSource: DataSource =
    borrowed ??
    (await openDatabase({ url: config.DATABASE_URL ?? '', poolSize: 1, applicationName: 'maestro' }));
  try {
    const events = await republishRelayedHistory(dataSource, bus);
    if (events > 0)
      logger.log({ msg: 'published the event history again on the in-process bus', events }, 'Maestro');
  } finally {
    if (!borrowed) await dataSource.destroy();
  }
  return bus;
}
