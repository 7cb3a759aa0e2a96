export {
  ApplicationError,
  VersionConflictError,
  type ApplicationErrorCode,
} from './errors/application-error';
export {
  EventStore,
  type AppendResult,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
} from './ports/event-store.port';
