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
export {
  MessagePublisher,
  MessageSubscriber,
  type IncomingMessage,
  type OutgoingMessage,
  type Subscription,
  type SubscriptionOptions,
} from './ports/message-bus.port';
export { Clock, SystemClock } from './ports/clock.port';
export {
  GameRoomRuntime,
  type AllocatedPort,
  type InstanceEvent,
  type InstanceStatus,
  type InstanceWatch,
  type RoomInstance,
  type RoomInstanceSpec,
} from './ports/game-room-runtime.port';
export { Randomness, SystemRandomness } from './ports/randomness.port';
export { AppLogger } from './ports/logger.port';
export { FleetController, type FleetControllerOptions, type RoomPing } from './fleet/fleet-controller';
export { KeyedSerialQueue } from './fleet/keyed-serial-queue';
export { roomsToRemove } from './fleet/room-removal.policy';
export { KnownRooms, type KnownRoomsChange } from './rooms/known-rooms.view';
export {
  RecordRoomPingHandler,
  type ReportedPingStatus,
  type RecordRoomPing,
  type RecordRoomPingDependencies,
  type RoomPingedData,
  type RoomPingResult,
} from './rooms/record-room-ping.handler';
export { SchedulerError, type SchedulerErrorCode } from './scheduler/scheduler-errors';
export {
  parseSchedulerDocument,
  schedulerFromDocument,
  toNewSchedulerEvent,
  toSchedulerDocument,
  toSchedulerEvent,
  type SchedulerDocument,
} from './scheduler/scheduler-event.mapper';
export {
  CreateSchedulerHandler,
  type CreateSchedulerHandlerOptions,
} from './scheduler/create-scheduler.handler';
export {
  SchedulerReadModel,
  type SchedulerFilter,
  type SchedulerInfo,
  type SchedulerVersionSummary,
} from './scheduler/scheduler-read-model.port';
export { SchedulerQueries } from './scheduler/scheduler-queries.handler';
