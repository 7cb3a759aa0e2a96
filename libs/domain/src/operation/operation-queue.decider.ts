import {
  type HistoryEntry,
  historyLines,
  isFinalStatus,
  type Operation,
  type OperationDefinitionName,
  type OperationFinalStatus,
  versionOperations,
} from './operation';
import {
  OngoingVersionOperationError,
  OperationAlreadyFinalError,
  OperationNotFoundError,
  OperationStateError,
} from './operation-errors';

export interface EnqueueOperation {
  readonly kind: 'EnqueueOperation';
  readonly operationId: string;
  readonly definitionName: OperationDefinitionName;
  readonly input: Readonly<Record<string, unknown>>;
  readonly at: string;
}

/** Take the next pending operation; only the oldest pending one can start. */
export interface StartOperation {
  readonly kind: 'StartOperation';
  readonly operationId: string;
  readonly at: string;
}

export interface RecordOperationProgress {
  readonly kind: 'RecordOperationProgress';
  readonly operationId: string;
  readonly entries: readonly HistoryEntry[];
}

export interface FinishOperation {
  readonly kind: 'FinishOperation';
  readonly operationId: string;
  readonly status: OperationFinalStatus;
  readonly entries: readonly HistoryEntry[];
  readonly at: string;
}

/** A client's cancel: a pending operation ends at once, a running one is asked to stop. */
export interface CancelOperation {
  readonly kind: 'CancelOperation';
  readonly operationId: string;
  readonly at: string;
}

export type OperationCommand =
  EnqueueOperation | StartOperation | RecordOperationProgress | FinishOperation | CancelOperation;

export type OperationEvent =
  | {
      readonly type: 'OperationCreated';
      readonly data: {
        readonly operationId: string;
        readonly schedulerName: string;
        readonly definitionName: OperationDefinitionName;
        readonly input: Readonly<Record<string, unknown>>;
        readonly createdAt: string;
      };
    }
  | {
      readonly type: 'OperationStarted';
      readonly data: {
        readonly operationId: string;
        readonly schedulerName: string;
        readonly startedAt: string;
      };
    }
  | {
      readonly type: 'OperationProgressed';
      readonly data: {
        readonly operationId: string;
        readonly schedulerName: string;
        readonly entries: readonly HistoryEntry[];
      };
    }
  | {
      readonly type: 'OperationCancellationRequested';
      readonly data: {
        readonly operationId: string;
        readonly schedulerName: string;
        readonly requestedAt: string;
      };
    }
  | {
      readonly type: 'OperationFinished';
      readonly data: {
        readonly operationId: string;
        readonly schedulerName: string;
        readonly status: OperationFinalStatus;
        readonly entries: readonly HistoryEntry[];
        readonly finishedAt: string;
      };
    };

/** A scheduler's operations (stream `operations:<scheduler>`), in creation order. */
export interface OperationQueueState {
  readonly schedulerName: string;
  readonly operations: readonly Operation[];
}

export function initialOperationQueueState(schedulerName: string): OperationQueueState {
  return { schedulerName, operations: [] };
}

/** The oldest pending operation: the next to run once nothing runs. */
export function nextPendingOperation(state: OperationQueueState): Operation | undefined {
  return state.operations.find((operation) => operation.status === 'pending');
}

export function runningOperation(state: OperationQueueState): Operation | undefined {
  return state.operations.find((operation) => operation.status === 'in_progress');
}

export function ongoingVersionOperation(state: OperationQueueState): Operation | undefined {
  return state.operations.find(
    (operation) => versionOperations.includes(operation.definitionName) && !isFinalStatus(operation.status),
  );
}

/**
 * Decides what a command on a scheduler's operation queue means. The rules that make the queue
 * safe live here: one operation runs at a time, in creation order; at most one version operation
 * is pending or running; a final operation never changes again.
 */
export function decideOperation(command: OperationCommand, state: OperationQueueState): OperationEvent[] {
  const { schedulerName } = state;
  switch (command.kind) {
    case 'EnqueueOperation': {
      if (versionOperations.includes(command.definitionName)) {
        const ongoing = ongoingVersionOperation(state);
        if (ongoing) throw new OngoingVersionOperationError(schedulerName, ongoing.id);
      }
      return [
        {
          type: 'OperationCreated',
          data: {
            operationId: command.operationId,
            schedulerName,
            definitionName: command.definitionName,
            input: command.input,
            createdAt: command.at,
          },
        },
      ];
    }
    case 'StartOperation': {
      const operation = find(state, command.operationId);
      if (operation.status !== 'pending') throw new OperationStateError(`operation is ${operation.status}`);
      if (runningOperation(state)) throw new OperationStateError('another operation is running');
      if (nextPendingOperation(state)?.id !== operation.id) {
        throw new OperationStateError('an older operation is still pending');
      }
      return [
        {
          type: 'OperationStarted',
          data: { operationId: operation.id, schedulerName, startedAt: command.at },
        },
      ];
    }
    case 'RecordOperationProgress': {
      const operation = find(state, command.operationId);
      if (operation.status !== 'in_progress')
        throw new OperationStateError(`operation is ${operation.status}`);
      if (command.entries.length === 0) return [];
      return [
        {
          type: 'OperationProgressed',
          data: { operationId: operation.id, schedulerName, entries: command.entries },
        },
      ];
    }
    case 'FinishOperation': {
      const operation = find(state, command.operationId);
      if (isFinalStatus(operation.status)) throw new OperationStateError(`operation is ${operation.status}`);
      return [
        {
          type: 'OperationFinished',
          data: {
            operationId: operation.id,
            schedulerName,
            status: command.status,
            entries: command.entries,
            finishedAt: command.at,
          },
        },
      ];
    }
    case 'CancelOperation': {
      const operation = find(state, command.operationId);
      if (isFinalStatus(operation.status)) throw new OperationAlreadyFinalError(operation.status);
      if (operation.status === 'pending') {
        return [
          {
            type: 'OperationFinished',
            data: {
              operationId: operation.id,
              schedulerName,
              status: 'canceled',
              entries: [{ createdAt: command.at, event: historyLines.canceledWhilePending }],
              finishedAt: command.at,
            },
          },
        ];
      }
      if (operation.cancellationRequested) return [];
      return [
        {
          type: 'OperationCancellationRequested',
          data: { operationId: operation.id, schedulerName, requestedAt: command.at },
        },
      ];
    }
  }
}

export function evolveOperationQueue(state: OperationQueueState, event: OperationEvent): OperationQueueState {
  if (event.type === 'OperationCreated') {
    const { data } = event;
    const operation: Operation = {
      id: data.operationId,
      schedulerName: data.schedulerName,
      definitionName: data.definitionName,
      status: 'pending',
      input: data.input,
      createdAt: data.createdAt,
      executionHistory: historyOf(event),
      cancellationRequested: false,
    };
    return { ...state, operations: [...state.operations, operation] };
  }
  return {
    ...state,
    operations: state.operations.map((operation) =>
      operation.id === event.data.operationId ? applyToOperation(operation, event) : operation,
    ),
  };
}

/** The history lines an event adds, the same for the decider and for read models. */
export function historyOf(event: OperationEvent): HistoryEntry[] {
  switch (event.type) {
    case 'OperationCreated':
      return [{ createdAt: event.data.createdAt, event: historyLines.created }];
    case 'OperationStarted':
      return [{ createdAt: event.data.startedAt, event: historyLines.starting }];
    case 'OperationProgressed':
      return [...event.data.entries];
    case 'OperationCancellationRequested':
      return [];
    case 'OperationFinished':
      return [...event.data.entries, { createdAt: event.data.finishedAt, event: historyLines.finished }];
  }
}

function applyToOperation(
  operation: Operation,
  event: Exclude<OperationEvent, { type: 'OperationCreated' }>,
): Operation {
  const executionHistory = [...operation.executionHistory, ...historyOf(event)];
  switch (event.type) {
    case 'OperationStarted':
      return { ...operation, status: 'in_progress', executionHistory };
    case 'OperationProgressed':
      return { ...operation, executionHistory };
    case 'OperationCancellationRequested':
      return { ...operation, cancellationRequested: true };
    case 'OperationFinished':
      return { ...operation, status: event.data.status, executionHistory };
  }
}

function find(state: OperationQueueState, operationId: string): Operation {
  const operation = state.operations.find((candidate) => candidate.id === operationId);
  if (!operation) throw new OperationNotFoundError(state.schedulerName, operationId);
  return operation;
}

/** Every scheduler's operations live in one stream, `operations:<name>`. */
export function operationStreamId(schedulerName: string): `operations:${string}` {
  return `operations:${schedulerName}`;
}
