import { overlayAllocation } from './allocation.policy';
import { type GameRoom, type GameRoomEvent, type RoomDeletionReason } from './game-room';
import { type HostPortAssignment } from './host-ports.policy';
import { type InstanceStatus, type PingStatus, canTransition, composeRoomStatus } from './room-status.policy';

export type GameRoomCommand =
  | {
      readonly kind: 'CreateRoom';
      readonly schedulerName: string;
      readonly roomId: string;
      readonly version: string;
      readonly ports: readonly HostPortAssignment[];
      readonly isValidationRoom: boolean;
      readonly at: string;
    }
  | {
      readonly kind: 'RecordPing';
      readonly pingStatus: Exclude<PingStatus, 'unknown'>;
      readonly runningMatches: number;
      readonly maxMatches: number;
      readonly at: string;
      /** How long a `ready` ping keeps an allocated room allocated; Maestro's 300 000 ms if absent. */
      readonly allocationTtlMs?: number;
    }
  | {
      readonly kind: 'RecordInstanceStatus';
      readonly instanceStatus: InstanceStatus;
      readonly maxMatches: number;
      readonly at: string;
      /** As for `RecordPing`: the allocation overlay applies whatever changed. */
      readonly allocationTtlMs?: number;
    }
  | { readonly kind: 'DeleteRoom'; readonly reason: RoomDeletionReason; readonly at: string }
  /** Hands a ready room out (allocate API, reference §3.6); pick it with `pickRoomToAllocate`. */
  | { readonly kind: 'AllocateRoom'; readonly at: string };

export class GameRoomCommandRejected extends Error {
  readonly code = 'GameRoomCommandRejected';
}

/**
 * Decides what a command on a room means. Status changes are decided from the composition table
 * (reference §5) and only when the transition is allowed; a ping that would make an invalid move
 * leaves the status alone. Pure: time comes in with the command.
 */
export function decideGameRoom(command: GameRoomCommand, room: GameRoom | undefined): GameRoomEvent[] {
  switch (command.kind) {
    case 'CreateRoom': {
      if (room) return [];
      const { kind: _kind, at, ...data } = command;
      return [{ type: 'RoomCreated', data: { ...data, createdAt: at } }];
    }
    case 'RecordPing': {
      if (!room) throw new GameRoomCommandRejected('ping for an unknown room');
      const runningMatches =
        command.pingStatus === 'occupied' ? Math.max(command.runningMatches, 1) : command.runningMatches;
      return statusChange(
        room,
        { ...room, pingStatus: command.pingStatus, runningMatches },
        command.maxMatches,
        command.at,
        command.allocationTtlMs,
      );
    }
    case 'RecordInstanceStatus': {
      if (!room) return [];
      return statusChange(
        room,
        { ...room, instanceStatus: command.instanceStatus },
        command.maxMatches,
        command.at,
        command.allocationTtlMs,
      );
    }
    case 'DeleteRoom':
      if (!room) return [];
      return [
        {
          type: 'RoomDeleted',
          data: {
            schedulerName: room.schedulerName,
            roomId: room.roomId,
            reason: command.reason,
            deletedAt: command.at,
          },
        },
      ];
    case 'AllocateRoom':
      if (!room) throw new GameRoomCommandRejected('allocation of an unknown room');
      // Only a ready room can be handed out (a validation room never is); anything else decides
      // nothing and the caller answers that no room is ready.
      if (room.status !== 'ready' || room.isValidationRoom) return [];
      return [
        {
          type: 'RoomStatusChanged',
          data: {
            schedulerName: room.schedulerName,
            roomId: room.roomId,
            previousStatus: room.status,
            status: 'allocated',
            pingStatus: room.pingStatus,
            instanceStatus: room.instanceStatus,
            runningMatches: room.runningMatches,
            changedAt: command.at,
          },
        },
      ];
  }
}

function statusChange(
  before: GameRoom,
  after: GameRoom,
  maxMatches: number,
  at: string,
  allocationTtlMs?: number,
): GameRoomEvent[] {
  const status = overlayAllocation(before, composeRoomStatus({ ...after, maxMatches }), at, allocationTtlMs);
  if (status === before.status || !canTransition(before.status, status)) return [];
  return [
    {
      type: 'RoomStatusChanged',
      data: {
        schedulerName: before.schedulerName,
        roomId: before.roomId,
        previousStatus: before.status,
        status,
        pingStatus: after.pingStatus,
        instanceStatus: after.instanceStatus,
        runningMatches: after.runningMatches,
        changedAt: at,
      },
    },
  ];
}

/**
 * Records what was observed (the ping's status and matches, or the instance's status) on the room
 * without touching its status: pings are telemetry, kept in memory, while status changes are
 * events. Callers apply `observe` and then the decided events.
 */
export function observeGameRoom(room: GameRoom, command: GameRoomCommand): GameRoom {
  switch (command.kind) {
    case 'RecordPing':
      return {
        ...room,
        pingStatus: command.pingStatus,
        runningMatches:
          command.pingStatus === 'occupied' ? Math.max(command.runningMatches, 1) : command.runningMatches,
        lastPingAt: command.at,
      };
    case 'RecordInstanceStatus':
      return { ...room, instanceStatus: command.instanceStatus };
    case 'CreateRoom':
    case 'DeleteRoom':
    case 'AllocateRoom':
      return room;
  }
}

/** Applies an event to a room; undefined once it is deleted. */
export function evolveGameRoom(room: GameRoom | undefined, event: GameRoomEvent): GameRoom | undefined {
  switch (event.type) {
    case 'RoomCreated':
      return {
        ...event.data,
        status: 'pending',
        pingStatus: 'unknown',
        instanceStatus: 'unknown',
        runningMatches: 0,
      };
    case 'RoomStatusChanged': {
      if (!room) return room;
      const { allocatedAt: _previousAllocation, ...rest } = room;
      return {
        ...rest,
        status: event.data.status,
        pingStatus: event.data.pingStatus,
        instanceStatus: event.data.instanceStatus,
        runningMatches: event.data.runningMatches,
        ...(event.data.status === 'allocated'
          ? { allocatedAt: allocationTime(room, event.data.changedAt) }
          : {}),
      };
    }
    case 'RoomDeleted':
      return undefined;
  }
}

/** An allocation starts when the room turns `allocated`; staying allocated keeps its start. */
function allocationTime(room: GameRoom, changedAt: string): string {
  return room.status === 'allocated' && room.allocatedAt !== undefined ? room.allocatedAt : changedAt;
}
