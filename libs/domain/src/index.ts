export { roomStatuses, isRoomStatus, type RoomStatus } from './game-room/room-status';
export { schedulerStreamId, type SchedulerStreamId } from './scheduler/scheduler-stream';
