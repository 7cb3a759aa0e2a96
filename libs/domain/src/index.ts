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
