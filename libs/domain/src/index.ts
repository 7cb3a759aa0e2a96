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
export {
  compareSchedulerVersions,
  formatSchedulerVersion,
  initialSchedulerVersion,
  nextMajorVersion,
  nextMinorVersion,
  parseSchedulerVersion,
  type SchedulerVersionNumber,
} from './scheduler/scheduler-version';
export { InvalidSchedulerError, SchedulerAlreadyExistsError } from './scheduler/scheduler-errors';
export {
  decideScheduler,
  evolveScheduler,
  initialSchedulerStreamState,
  schedulerDecider,
  type CreateScheduler,
  type SchedulerCommand,
  type SchedulerCreated,
  type SchedulerEvent,
  type SchedulerStreamState,
} from './scheduler/scheduler.decider';
