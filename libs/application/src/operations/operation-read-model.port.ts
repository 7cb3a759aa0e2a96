import { type Operation } from '@maestro/domain';

export type OperationStage = 'pending' | 'active' | 'final';

export interface OperationPage {
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly operations: readonly Operation[];
}

export interface OperationListQuery {
  readonly schedulerName: string;
  readonly stage: OperationStage;
  readonly order: 'asc' | 'desc';
  /** Only for the final stage; pending and active list everything. */
  readonly page?: { readonly number: number; readonly size: number };
}

/** Operations as projected from their events (table `operations`), for the API. */
export abstract class OperationReadModel {
  abstract list(query: OperationListQuery): Promise<OperationPage>;

  abstract find(schedulerName: string, operationId: string): Promise<Operation | undefined>;
}
