/**
 * Stable codes for what can go wrong with a scheduler command or query. They live beside the
 * scheduler use cases because `ApplicationErrorCode` is a closed union owned elsewhere; the apps map
 * both to their edge (HTTP status and Maestro's error body).
 */
export type SchedulerErrorCode =
  | 'SchedulerAlreadyExists'
  | 'SchedulerNotFound'
  | 'SchedulerInvalid'
  /** A patch that changes nothing (Maestro answers 409). */
  | 'NoChange'
  /** Another version operation is pending or running (Maestro answers 400, FailedPrecondition). */
  | 'OngoingVersionOperation'
  | 'OperationNotFound'
  /** Cancelling an operation that already ended (Maestro answers 409, Aborted). */
  | 'OperationAlreadyFinal';

export class SchedulerError extends Error {
  constructor(
    readonly code: SchedulerErrorCode,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = code;
  }

  static notFound(schedulerName: string): SchedulerError {
    return new SchedulerError('SchedulerNotFound', `scheduler ${schedulerName} not found`);
  }
}
