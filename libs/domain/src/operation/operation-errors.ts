/** A version operation is already pending or running for the scheduler (reference §2.3 #4). */
export class OngoingVersionOperationError extends Error {
  readonly code = 'OngoingVersionOperation';

  constructor(
    readonly schedulerName: string,
    readonly operationId: string,
  ) {
    super(
      `there is already an ongoing version operation (id: ${operationId}) for scheduler ${schedulerName}`,
    );
  }
}

export class OperationNotFoundError extends Error {
  readonly code = 'OperationNotFound';

  constructor(
    readonly schedulerName: string,
    readonly operationId: string,
  ) {
    super(`operation ${operationId} not found in scheduler ${schedulerName}`);
  }
}

/** Cancelling an operation that already ended (reference §2.3 #12: 409). */
export class OperationAlreadyFinalError extends Error {
  readonly code = 'OperationAlreadyFinal';

  constructor(readonly status: string) {
    super(`cannot cancel operation since status "${status}" is a final status`);
  }
}

/** An operation in a state the command does not apply to (a worker racing another, a replay). */
export class OperationStateError extends Error {
  readonly code = 'OperationState';
}
