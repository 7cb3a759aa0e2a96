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
  type StreamAppend,
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
export {
  EventForwarder,
  type ForwardedRoom,
  type ForwardedRoomPort,
  type ForwardedRoomStatus,
  type ForwardingAttempt,
  type ForwardingResult,
  type PlayerEventKind,
  type RoomEventToForward,
} from './ports/event-forwarder.port';
export { FleetController, type FleetControllerOptions } from './fleet/fleet-controller';
export { type RoomPing } from './fleet/ping-folding';
export { KeyedSerialQueue } from './fleet/keyed-serial-queue';
export { roomsToRemove } from './fleet/room-removal.policy';
export { KnownRooms, type KnownRoomsChange } from './rooms/known-rooms.view';
export {
  RecordRoomPingHandler,
  roomPingedMessage,
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
  schedulerNameOf,
  type SchedulerDocument,
} from './scheduler/scheduler-event.mapper';
export { CreateSchedulerHandler } from './scheduler/create-scheduler.handler';
export { NewSchedulerVersionHandler } from './scheduler/new-scheduler-version.handler';
export { SwitchActiveVersionHandler } from './scheduler/switch-active-version.handler';
export { DeleteSchedulerHandler } from './scheduler/delete-scheduler.handler';
export { SchedulerStore } from './scheduler/scheduler-store.service';
export { schedulerStreamCodec } from './scheduler/scheduler-stream.codec';
export { DecidedStream, type LoadedStream, type StreamCodec } from './event-sourcing/decided-stream';
export { OperationQueueService } from './operations/operation-queue.service';
export { CancelOperationHandler } from './operations/cancel-operation.handler';
export { OperationQueries } from './operations/operation-queries';
export {
  OperationReadModel,
  type OperationListQuery,
  type OperationPage,
  type OperationStage,
} from './operations/operation-read-model.port';
export {
  operationStreamCodec,
  toNewOperationEvent,
  toOperationEvent,
} from './operations/operation-event.mapper';
export {
  SchedulerReadModel,
  type SchedulerFilter,
  type SchedulerInfo,
  type SchedulerVersionSummary,
} from './scheduler/scheduler-read-model.port';
export { SchedulerQueries } from './scheduler/scheduler-queries.handler';
export { OperationRunner } from './operations/operation-runner';
export {
  type ExecutionContext,
  type ExecutionOutcome,
  type FleetOperations,
  type FollowUpOperation,
  type OperationExecutor,
} from './operations/executors/operation-executor';
export { CreateSchedulerExecutor } from './operations/executors/create-scheduler.executor';
export {
  NewSchedulerVersionExecutor,
  type ValidationSettings,
} from './operations/executors/new-scheduler-version.executor';
export { SwitchActiveVersionExecutor } from './operations/executors/switch-active-version.executor';
export {
  DeleteSchedulerExecutor,
  type DeleteSchedulerSettings,
} from './operations/executors/delete-scheduler.executor';
export { FleetMetrics, NoFleetMetrics, type FleetSnapshot } from './fleet/fleet-metrics.port';
export { ScalingLog, type ScalingMemory } from './fleet/scaling-log';
export { planFleet, type FleetPlan } from './fleet/rolling-update.policy';
