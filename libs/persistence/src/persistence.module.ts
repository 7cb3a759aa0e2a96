import {
  type DynamicModule,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource, type DataSourceOptions, runMigrationsExclusively } from './data-source';

const PERSISTENCE_OPTIONS = Symbol('PERSISTENCE_OPTIONS');

/**
 * Connects to Postgres and migrates in the background with backoff, so a service starts (and
 * answers /healthz, and 503 on /readyz) while its database is still coming up. Code that needs the
 * database at start-up awaits `whenReady()`.
 */
@Injectable()
export class DatabaseConnector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private stopped = false;
  private connecting?: Promise<void>;
  private readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(private readonly dataSource: DataSource) {
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
  }

  onApplicationBootstrap(): void {
    this.connecting = this.connectWithRetry();
  }

  /** Resolves once connected and migrated; never rejects (it retries until shutdown). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.connecting;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  private async connectWithRetry(): Promise<void> {
    for (let attempt = 1, delayMs = 250; !this.stopped; attempt++, delayMs = Math.min(delayMs * 2, 5_000)) {
      try {
        if (!this.dataSource.isInitialized) await this.dataSource.initialize();
        await runMigrationsExclusively(this.dataSource);
        this.logger.log('connected and migrated');
        this.markReady();
        return;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.warn({
          msg: 'database not reachable yet, retrying',
          attempt,
          reason,
          retryInMs: delayMs,
        });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }
}

@Module({})
export class PersistenceModule {
  static forRoot(options: DataSourceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      providers: [
        { provide: PERSISTENCE_OPTIONS, useValue: options },
        {
          provide: DataSource,
          useFactory: (opts: DataSourceOptions) => createDataSource(opts),
          inject: [PERSISTENCE_OPTIONS],
        },
        DatabaseConnector,
      ],
      exports: [DataSource, DatabaseConnector],
    };
  }
}
