import { type OperationListQuery, type OperationPage, OperationReadModel } from '@maestro/application';
import { type Operation, type OperationDefinitionName, type OperationStatus } from '@maestro/domain';
import { type OperationRow, type OperationsReadModelQueries } from '@maestro/persistence';

/** The `OperationReadModel` port on the Postgres table `operations`. */
export class PostgresOperationReadModel extends OperationReadModel {
  constructor(private readonly queries: OperationsReadModelQueries) {
    super();
  }

  async list(query: OperationListQuery): Promise<OperationPage> {
    const { total, rows } = await this.queries.list(
      query.schedulerName,
      query.stage,
      query.order,
      query.page,
    );
    return {
      // Pending and active stages are not paginated: one page holding everything.
      page: query.page?.number ?? 1,
      pageSize: query.page?.size ?? total,
      total,
      operations: rows.map(toOperation),
    };
  }

  async find(schedulerName: string, operationId: string): Promise<Operation | undefined> {
    const row = await this.queries.find(schedulerName, operationId);
    return row && toOperation(row);
  }
}

function toOperation(row: OperationRow): Operation {
  return {
    id: row.id,
    schedulerName: row.schedulerName,
    definitionName: row.definitionName as OperationDefinitionName,
    status: row.status as OperationStatus,
    input: row.input,
    createdAt: row.createdAt.toISOString(),
    executionHistory: row.executionHistory,
    cancellationRequested: false,
  };
}
