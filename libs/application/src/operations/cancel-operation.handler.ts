import { decideOperation, OperationAlreadyFinalError, OperationNotFoundError } from '@maestro/domain';
import { SchedulerError } from '../scheduler/scheduler-errors';
import { type OperationQueueService } from './operation-queue.service';

/**
 * POST …/operations/{id}/cancel: a pending operation ends `canceled` at once; for a running one a
 * cancellation request is appended and the worker running it stops it. Unknown operations are a
 * 404 here, where Maestro answers 500 (docs/compatibility.md).
 */
export class CancelOperationHandler {
  constructor(private readonly operations: OperationQueueService) {}

  async handle(schedulerName: string, operationId: string): Promise<void> {
    try {
      await this.operations.change(schedulerName, (state) =>
        decideOperation({ kind: 'CancelOperation', operationId, at: this.operations.now() }, state),
      );
    } catch (error) {
      if (error instanceof OperationNotFoundError)
        throw new SchedulerError('OperationNotFound', error.message);
      if (error instanceof OperationAlreadyFinalError) {
        throw new SchedulerError('OperationAlreadyFinal', error.message);
      }
      throw error;
    }
  }
}
