import { Injectable } from '@nestjs/common';
import { ReadinessCheck } from '@maestro/observability';
import { DataSource } from 'typeorm';

/** Ready when the database answers a trivial query. */
@Injectable()
export class PostgresReadinessCheck extends ReadinessCheck {
  readonly name = 'postgres';

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async check(): Promise<void> {
    if (!this.dataSource.isInitialized) throw new Error('database not connected');
    await this.dataSource.query('SELECT 1');
  }
}
