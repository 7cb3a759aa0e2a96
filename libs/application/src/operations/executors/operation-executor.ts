import {
  type Operation,
  type OperationDefinitionName,
  type RoomStatus,
  type Scheduler,
} from '@maestro/domain';

/** What operations need from the worker's fleet (FleetController provides it). */
export interface FleetOperations {
  upsertScheduler(scheduler: Scheduler): Promise<void>;
  prepareRuntime(schedulerName: string): Promise<void>;
  createValidationRoom(candidate: Scheduler): Promise<string>;
  roomStatus(schedulerName: string, roomId: string): { status: RoomStatus; description: string } | undefined;
  removeValidationRoom(schedulerName: string, roomId: string): Promise<void>;
  removeScheduler(schedulerName: string): Promise<void>;
  instanceCount(schedulerName: string): Promise<number>;
}

/** An operation the runner must queue right after this one ends, in the same append. */
export interface FollowUpOperation {
  readonly definitionName: OperationDefinitionName;
  readonly input: Readonly<Record<string, unknown>>;
  /** A history line of the finishing operation naming the new one's id. */
  readonly describe: (operationId: string) => string;
}

export interface ExecutionContext {
  readonly operation: Operation;
  /** Aborted when a client cancels the operation or the worker stops. */
  readonly signal: AbortSignal;
  /** Adds a line to the operation's history at once (clients see progress while it runs). */
  readonly record: (line: string) => Promise<void>;
}

export interface ExecutionOutcome {
  readonly followUp?: FollowUpOperation;
}

/**
 * Runs one kind of operation. `execute` throws to fail; `rollback` then undoes what it can and
 * returns history lines. Both are given the same context.
 */
export interface OperationExecutor {
  readonly definitionName: OperationDefinitionName;
  execute(context: ExecutionContext): Promise<ExecutionOutcome>;
  rollback?(context: ExecutionContext): Promise<void>;
}

/** Waits `ms` or until the signal aborts (then throws the abort reason). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('operation aborted');
}
