export { roomStatuses, isRoomStatus, type RoomStatus } from './game-room/room-status';
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
