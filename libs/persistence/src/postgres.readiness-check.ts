import { Injectable } from '@nestjs/common';
import { ReadinessCheck } from '@maestro/observability';
import { DataSource } from 'typeorm';
import { DatabaseConnector } from './persistence.module';

/**
 * Ready when the database answers and its migrations have run: a service that reported ready as
 * soon as the connection opened would meet missing tables on its first request.
 */
@Injectable()
export class PostgresReadinessCheck extends ReadinessCheck {
  readonly name = 'postgres';
  private migrated = false;

  constructor(
    private readonly dataSource: DataSource,
    connector: DatabaseConnector,
  ) {
    super();
    void connector.whenReady().then(() => {
      this.migrated = true;
    });
  }

  async check(): Promise<void> {
    if (!this.dataSource.isInitialized) throw new Error('database not connected');
    if (!this.migrated) throw new Error('database not migrated yet');
    await this.dataSource.query('SELECT 1');
  }
}
