import { type DataSource } from 'typeorm';

export interface OperationRow {
  readonly id: string;
  readonly schedulerName: string;
  readonly definitionName: string;
  readonly status: string;
  readonly input: Record<string, unknown>;
  readonly executionHistory: { createdAt: string; event: string }[];
  readonly createdAt: Date;
}

export const stageStatuses = {
  pending: ['pending'],
  active: ['in_progress'],
  final: ['finished', 'error', 'canceled', 'evicted'],
} as const;

const columns = `id, scheduler_name AS "schedulerName", definition_name AS "definitionName", status, input,
  execution_history AS "executionHistory", created_at AS "createdAt"`;

/** Reads of the operations read model. */
export class OperationsReadModelQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    schedulerName: string,
    stage: keyof typeof stageStatuses,
    order: 'asc' | 'desc',
    page?: { number: number; size: number },
  ): Promise<{ total: number; rows: OperationRow[] }> {
    const statuses = [...stageStatuses[stage]];
    const direction = order === 'asc' ? 'ASC' : 'DESC';
    const [count] = await this.dataSource.query<{ total: number }[]>(
      'SELECT count(*)::int AS total FROM operations WHERE scheduler_name = $1 AND status = ANY($2)',
      [schedulerName, statuses],
    );
    const rows = await this.dataSource.query<OperationRow[]>(
      `SELECT ${columns} FROM operations
       WHERE scheduler_name = $1 AND status = ANY($2)
       ORDER BY created_at ${direction}, id ${direction}
       LIMIT $3 OFFSET $4`,
      [schedulerName, statuses, page ? page.size : null, page ? (page.number - 1) * page.size : 0],
    );
    return { total: count?.total ?? 0, rows };
  }

  async find(schedulerName: string, operationId: string): Promise<OperationRow | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(operationId)) return undefined;
    const rows = await this.dataSource.query<OperationRow[]>(
      `SELECT ${columns} FROM operations WHERE scheduler_name = $1 AND id = $2`,
      [schedulerName, operationId],
    );
    return rows[0];
  }

  /** Schedulers with an operation not yet final: the worker resumes their queues at start-up. */
  async schedulersWithOpenOperations(): Promise<string[]> {
    const rows = await this.dataSource.query<{ name: string }[]>(
      `SELECT DISTINCT scheduler_name AS name FROM operations WHERE status IN ('pending', 'in_progress')`,
    );
    return rows.map((row) => row.name);
  }
}
