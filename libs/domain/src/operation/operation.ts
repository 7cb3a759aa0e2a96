/** Maestro's operation definitions (reference §6). */
export type OperationDefinitionName =
  | 'create_scheduler'
  | 'create_new_scheduler_version'
  | 'switch_active_version'
  | 'delete_scheduler'
  | 'add_rooms'
  | 'remove_rooms'
  | 'health_controller';

export type OperationFinalStatus = 'finished' | 'error' | 'canceled' | 'evicted';
export type OperationStatus = 'pending' | 'in_progress' | OperationFinalStatus;

/** One line of `executionHistory`. */
export interface HistoryEntry {
  readonly createdAt: string;
  readonly event: string;
}

/**
 * Work on a scheduler, run by a worker one at a time per scheduler, in creation order. Its
 * history tells a client what happened, in Maestro's words.
 */
export interface Operation {
  readonly id: string;
  readonly schedulerName: string;
  readonly definitionName: OperationDefinitionName;
  readonly status: OperationStatus;
  readonly input: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly executionHistory: readonly HistoryEntry[];
  /** A client asked to cancel it while it ran; the worker stops it. */
  readonly cancellationRequested: boolean;
}

/** Operations that create or switch versions: at most one of them pending or running per scheduler. */
export const versionOperations: readonly OperationDefinitionName[] = [
  'create_new_scheduler_version',
  'switch_active_version',
];

const finalStatuses: readonly OperationStatus[] = ['finished', 'error', 'canceled', 'evicted'];

export function isFinalStatus(status: OperationStatus): status is OperationFinalStatus {
  return finalStatuses.includes(status);
}

/** Maestro's fixed history lines (reference §6). */
export const historyLines = {
  created: 'Created',
  starting: 'Starting operation',
  finished: 'Operation finished',
  failed: 'operation execution failed',
  rollbackStarting: 'Starting operation rollback',
  rollbackSucceeded: 'Operation rollback flow execution finished with success',
  rollbackFailed: 'Operation rollback flow execution finished with error',
  canceledWhilePending: 'Operation canceled by the user',
  canceledWhileRunning: 'Operation canceled by the user while running',
  evicted: 'Operation evicted',
  interrupted: 'Operation interrupted: the worker running it stopped',
} as const;
