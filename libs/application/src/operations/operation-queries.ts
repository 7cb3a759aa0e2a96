import { type Operation } from '@maestro/domain';
import { SchedulerError } from '../scheduler/scheduler-errors';
import {
  type OperationListQuery,
  type OperationPage,
  type OperationReadModel,
} from './operation-read-model.port';

/** GET …/operations and …/operations/{id}, with Maestro's not-found message. */
export class OperationQueries {
  constructor(private readonly readModel: OperationReadModel) {}

  list(query: OperationListQuery): Promise<OperationPage> {
    return this.readModel.list(query);
  }

  async get(schedulerName: string, operationId: string): Promise<Operation> {
    const operation = await this.readModel.find(schedulerName, operationId);
    if (!operation) {
      throw new SchedulerError(
        'OperationNotFound',
        `operation ${operationId} not found in scheduler ${schedulerName}`,
      );
    }
    return operation;
  }
}
