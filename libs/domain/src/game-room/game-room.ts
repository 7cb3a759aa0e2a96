import { type HostPortAssignment } from './host-ports.policy';
import { type RoomStatus } from './room-status';
import { type InstanceStatus, type PingStatus } from './room-status.policy';

export type RoomDeletionReason =
  | 'scale_down'
  | 'expired_room'
  | 'instance_vanished'
  | 'instance_failed'
  | 'rolling_update_replace'
  | 'scheduler_deleted'
  | 'validation_finished';

/** One game room as the control plane sees it. */
export interface GameRoom {
  readonly schedulerName: string;
  readonly roomId: string;
  readonly version: string;
  readonly ports: readonly HostPortAssignment[];
  readonly isValidationRoom: boolean;
  readonly status: RoomStatus;
  readonly pingStatus: PingStatus;
  readonly instanceStatus: InstanceStatus;
  readonly runningMatches: number;
  readonly createdAt: string;
  readonly lastPingAt?: string;
  /** When the allocate API handed the room out; set only while the status is `allocated`. */
  readonly allocatedAt?: string;
}

export interface RoomCreated {
  readonly type: 'RoomCreated';
  readonly data: {
    readonly schedulerName: string;
    readonly roomId: string;
    readonly version: string;
    readonly ports: readonly HostPortAssignment[];
    readonly isValidationRoom: boolean;
    readonly createdAt: string;
  };
}

export interface RoomStatusChanged {
  readonly type: 'RoomStatusChanged';
  readonly data: {
    readonly schedulerName: string;
    readonly roomId: string;
    readonly previousStatus: RoomStatus;
    readonly status: RoomStatus;
    readonly pingStatus: PingStatus;
    readonly instanceStatus: InstanceStatus;
    readonly runningMatches: number;
    readonly changedAt: string;
  };
}

export interface RoomDeleted {
  readonly type: 'RoomDeleted';
  readonly data: {
    readonly schedulerName: string;
    readonly roomId: string;
    readonly reason: RoomDeletionReason;
    readonly deletedAt: string;
  };
}

export type GameRoomEvent = RoomCreated | RoomStatusChanged | RoomDeleted;

/** Stream of one room's events. */
export function roomStreamId(schedulerName: string, roomId: string): string {
  return `room:${schedulerName}/${roomId}`;
}
