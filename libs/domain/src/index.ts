export { roomStatuses, isRoomStatus, type RoomStatus } from './game-room/room-status';
export {
  canTransition,
  composeRoomStatus,
  type InstanceStatus,
  type PingStatus,
  type StatusInputs,
} from './game-room/room-status.policy';
export { newRoomId } from './game-room/room-id';
export {
  assignHostPorts,
  PortRangeExhaustedError,
  type HostPortAssignment,
} from './game-room/host-ports.policy';
export {
  roomStreamId,
  type GameRoom,
  type GameRoomEvent,
  type RoomCreated,
  type RoomDeleted,
  type RoomDeletionReason,
  type RoomStatusChanged,
} from './game-room/game-room';
export {
  decideGameRoom,
  evolveGameRoom,
  observeGameRoom,
  GameRoomCommandRejected,
  type GameRoomCommand,
} from './game-room/game-room.decider';
export {
  isAllocationHeld,
  overlayAllocation,
  pickRoomToAllocate,
  type AllocatableRoom,
  type AllocationFacts,
} from './game-room/allocation.policy';
export { toEpochMs, toIsoString, type Instant } from './health/instant';
export {
  defaultAllocationTtlMs,
  defaultDeletionTimeoutMs,
  defaultInitializationTimeoutMs,
  defaultPingTimeoutMs,
  defaultRoomTimeouts,
  defaultValidationAttempts,
  defaultValidationTimeoutMs,
  type RoomTimeouts,
} from './health/room-timeouts';
export {
  classifyRoomHealth,
  nextExpiryAt,
  type ExpiryReason,
  type HealthTimeouts,
  type IgnoredReason,
  type RoomHealth,
  type RoomHealthFacts,
} from './health/room-health.policy';
export {
  availableRoomCount,
  countRooms,
  noRooms,
  type CountedRoom,
  type RoomCounts,
} from './autoscaling/room-counts';
export {
  defaultDownThreshold,
  roomOccupancy,
  type RoomOccupancyOutcome,
} from './autoscaling/room-occupancy.policy';
export { fixedBuffer, type FixedBufferOutcome } from './autoscaling/fixed-buffer.policy';
export { surgeAmount } from './autoscaling/surge.policy';
export { AutoscalingMisconfiguredError } from './autoscaling/autoscaling-errors';
export {
  desiredRoomCount,
  type CooldownState,
  type ScalingDecision,
  type ScalingInputs,
} from './autoscaling/desired-room-count.policy';
export { schedulerStreamId, type SchedulerStreamId } from './scheduler/scheduler-stream';
export type {
  Autoscaling,
  Container,
  ContainerPort,
  EnvironmentVariable,
  Forwarder,
  ImagePullPolicy,
  PortProtocol,
  PortRange,
  ResourceQuantities,
  RoomOccupancyParameters,
  Scheduler,
  SchedulerSpec,
  SchedulerState,
} from './scheduler/scheduler';
export type {
  AutoscalingDefinition,
  ContainerDefinition,
  ContainerPortDefinition,
  ForwarderDefinition,
  SchedulerDefinition,
  SpecDefinition,
} from './scheduler/scheduler-definition';
export {
  forwarderTypes,
  imagePullPolicies,
  isKubernetesName,
  isMaxSurgeValid,
  portProtocols,
  validateSchedulerDefinition,
  type SchedulerValidation,
} from './scheduler/scheduler-validation';
export { autoscalingPolicyTypes } from './scheduler/autoscaling-validation';
export { portRangeConfigurationMessages } from './scheduler/port-range-configuration';
export { validationMessages, type ValidationIssue } from './scheduler/validation-issues';
export { buildScheduler, schedulerDefaults } from './scheduler/scheduler-defaults';
export { definitionFromScheduler } from './scheduler/definition-from-scheduler';
export { isMajorChange } from './scheduler/scheduler-change';
export {
  applySchedulerPatch,
  isEmptyPatch,
  type AutoscalingPatch,
  type ContainerPatch,
  type SchedulerPatch,
  type SpecPatch,
} from './scheduler/scheduler-patch';
export {
  compareSchedulerVersions,
  formatSchedulerVersion,
  initialSchedulerVersion,
  nextMajorVersion,
  nextMinorVersion,
  parseSchedulerVersion,
  type SchedulerVersionNumber,
} from './scheduler/scheduler-version';
export {
  InvalidSchedulerError,
  SchedulerAlreadyExistsError,
  SchedulerNotFoundError,
  SchedulerVersionNotFoundError,
} from './scheduler/scheduler-errors';
export {
  planSchedulerVersion,
  withVersion,
  type SchedulerVersionPlan,
} from './scheduler/scheduler-version-plan';
export {
  decideScheduler,
  evolveScheduler,
  initialSchedulerStreamState,
  schedulerDecider,
  type ActiveVersionSwitched,
  type AddSchedulerVersion,
  type ChangeSchedulerState,
  type CreateScheduler,
  type DeleteScheduler,
  type SchedulerCommand,
  type SchedulerCreated,
  type SchedulerDeleted,
  type SchedulerEvent,
  type SchedulerStateChanged,
  type SchedulerStreamState,
  type SchedulerVersionCreated,
  type SwitchActiveVersion,
} from './scheduler/scheduler.decider';
export {
  historyLines,
  isFinalStatus,
  versionOperations,
  type HistoryEntry,
  type Operation,
  type OperationDefinitionName,
  type OperationFinalStatus,
  type OperationStatus,
} from './operation/operation';
export {
  OngoingVersionOperationError,
  OperationAlreadyFinalError,
  OperationNotFoundError,
  OperationStateError,
} from './operation/operation-errors';
export {
  decideOperation,
  evolveOperationQueue,
  historyOf,
  initialOperationQueueState,
  nextPendingOperation,
  ongoingVersionOperation,
  operationStreamId,
  runningOperation,
  type CancelOperation,
  type EnqueueOperation,
  type FinishOperation,
  type OperationCommand,
  type OperationEvent,
  type OperationQueueState,
  type RecordOperationProgress,
  type StartOperation,
} from './operation/operation-queue.decider';
