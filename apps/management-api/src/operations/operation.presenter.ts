import { type OperationPage } from '@maestro/application';
import { type Operation } from '@maestro/domain';
import { formatTimestamp } from '../schedulers/scheduler.presenter';

/** `ListOperationItem`: no input and no history. */
export function presentOperationItem(operation: Operation) {
  return {
    id: operation.id,
    status: operation.status,
    definitionName: operation.definitionName,
    schedulerName: operation.schedulerName,
    createdAt: formatTimestamp(operation.createdAt),
  };
}

/** `Operation` with its input and `executionHistory` (reference §2.3 #11). */
export function presentOperation(operation: Operation) {
  return {
    ...presentOperationItem(operation),
    input: operation.input,
    executionHistory: operation.executionHistory.map((entry) => ({
      createdAt: formatTimestamp(entry.createdAt),
      event: entry.event,
    })),
  };
}

export function presentOperationPage(page: OperationPage) {
  return {
    page: page.page,
    pageSize: page.pageSize,
    total: page.total,
    operations: page.operations.map(presentOperationItem),
  };
}
