/**
 * Errors that cross the application boundary carry a stable code. Each app maps codes to its edge
 * (HTTP status and Maestro's error body, or retry / dead-letter for consumers); nothing below the
 * apps knows about HTTP.
 */
export type ApplicationErrorCode = 'VersionConflict' | 'StreamNotFound';

export class ApplicationError extends Error {
  constructor(
    readonly code: ApplicationErrorCode,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = code;
  }
}

/** An append's expected stream version did not match: another writer got there first. */
export class VersionConflictError extends ApplicationError {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(
      'VersionConflict',
      `stream ${streamId} is at version ${actualVersion}, expected ${expectedVersion}`,
    );
  }
}
