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
