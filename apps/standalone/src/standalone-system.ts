import { type DynamicModule, type INestApplication } from '@nestjs/common';
import { AppModule as ManagementApiModule } from '@maestro/management-api';
import {
  type JsonLogger,
  READINESS_CHECKS,
  type ReadinessCheck,
  startHttpService,
} from '@maestro/observability';
import { AppModule as RoomsApiModule } from '@maestro/room-ping-ingest';
import { AppModule as WorkerModule } from '@maestro/worker';
import { type StandaloneConfig } from './config/standalone.config';
import { type StartedPostgres } from './infrastructure/embedded-postgres.start';
import { type Infrastructure, openInfrastructure } from './infrastructure/infrastructure';

export type ServiceName = 'management-api' | 'room-ping-ingest' | 'worker';

interface RunningService {
  readonly name: ServiceName;
  readonly app: INestApplication;
  readonly url: string;
}

/**
 * The three services as three Nest applications of one process, on their own ports, sharing the
 * infrastructure (embedded parts, or the configured real ones). The same modules as when each runs
 * apart: only the adapters they are given differ.
 */
export class StandaloneSystem {
  private stopping?: Promise<void>;

  private constructor(
    private readonly services: readonly RunningService[],
    private readonly infrastructure: Infrastructure,
  ) {}

  /** `embedded`: the embedded database, already starting, unless DATABASE_URL names a server. */
  static async start(
    config: StandaloneConfig,
    logger: JsonLogger,
    embedded: Promise<StartedPostgres> | undefined,
  ): Promise<StandaloneSystem> {
    const infrastructure = await openInfrastructure(config, logger, embedded);
    const services: RunningService[] = [];
    const start = async (name: ServiceName, module: DynamicModule, port: number): Promise<RunningService> => {
      const app = await startHttpService(module, {
        service: name,
        host: config.managementApi.HOST,
        port,
        logger,
        closeOnSignals: false,
      });
      const service = { name, app, url: await clientUrl(app) };
      services.push(service);
      return service;
    };
    try {
      // The rooms API first: rooms are told its address, which a port 0 only gives once it listens.
      const roomsApi = await start(
        'room-ping-ingest',
        RoomsApiModule.forRoot(config.roomsApi, infrastructure.roomsApi),
        config.roomsApi.PORT,
      );
      await start(
        'management-api',
        ManagementApiModule.forRoot(config.managementApi, infrastructure.managementApi),
        config.managementApi.PORT,
      );
      await start(
        'worker',
        WorkerModule.forRoot(config.worker, infrastructure.worker(config.ROOMS_API_ADDRESS ?? roomsApi.url)),
        config.worker.PORT,
      );
    } catch (error) {
      await new StandaloneSystem(services, infrastructure).stop();
      throw error;
    }
    return new StandaloneSystem(services, infrastructure);
  }

  get summary(): readonly (readonly [string, string])[] {
    return this.infrastructure.summary;
  }

  url(name: ServiceName): string {
    const service = this.services.find((candidate) => candidate.name === name);
    if (!service) throw new Error(`${name} is not running`);
    return service.url;
  }

  /** The readiness checks that fail now, as `service/check: reason`; empty once all answer. */
  async unreadyChecks(): Promise<string[]> {
    const failures = await Promise.all(
      this.services.map(async ({ name, app }) => {
        const checks = app.get<readonly ReadinessCheck[]>(READINESS_CHECKS);
        const outcomes = await Promise.all(
          checks.map((check) =>
            check.check().then(
              () => undefined,
              (error: unknown) =>
                `${name}/${check.name}: ${error instanceof Error ? error.message : String(error)}`,
            ),
          ),
        );
        return outcomes.filter((outcome): outcome is string => outcome !== undefined);
      }),
    );
    return failures.flat();
  }

  /**
   * The management API first (no new commands), then the worker (it stops every room process and
   * saves what it holds), then the rooms API, then the shared infrastructure. Safe to call twice.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const order: ServiceName[] = ['management-api', 'worker', 'room-ping-ingest'];
      const failures: unknown[] = [];
      for (const name of order) {
        const service = this.services.find((candidate) => candidate.name === name);
        await service?.app.close().catch((error: unknown) => failures.push(error));
      }
      await this.infrastructure.close().catch((error: unknown) => failures.push(error));
      if (failures.length > 0) throw new AggregateError(failures, 'stopping Maestro failed');
    })();
    return this.stopping;
  }
}

/** The URL clients use: a wildcard host is reached on the loopback address. */
async function clientUrl(app: INestApplication): Promise<string> {
  const url = new URL(await app.getUrl());
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1';
  return url.origin;
}
