/** The definition breaks a rule; the message is Maestro's own text, shown to the client as is. */
export class InvalidSchedulerError extends Error {
  readonly code = 'SchedulerInvalid';
}

/** A scheduler with this name already exists (names are unique: they are Kubernetes namespaces). */
export class SchedulerAlreadyExistsError extends Error {
  readonly code = 'SchedulerAlreadyExists';

  constructor(readonly schedulerName: string) {
    super(`error creating scheduler ${schedulerName}: name already exists`);
  }
}

/** No scheduler of that name (never created, or deleted). */
export class SchedulerNotFoundError extends Error {
  readonly code = 'SchedulerNotFound';

  constructor(readonly schedulerName: string) {
    super(`scheduler ${schedulerName} not found`);
  }
}

/** The scheduler exists but has no such version. */
export class SchedulerVersionNotFoundError extends Error {
  readonly code = 'SchedulerVersionNotFound';

  constructor(
    readonly schedulerName: string,
    readonly version: string,
  ) {
    super(`scheduler ${schedulerName} has no version ${version}`);
  }
}
