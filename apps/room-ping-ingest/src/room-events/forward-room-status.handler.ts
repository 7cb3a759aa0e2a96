import { type ForwardedRoomStatus } from '@maestro/application';
import {
  answerFor,
  forwarded,
  forwardedRoom,
  type ForwardingAnswer,
  notForwarded,
  roomNotFound,
  type RoomForwardingDependencies,
  schedulerNotFound,
} from './room-forwarding';

export interface ForwardRoomStatus {
  readonly schedulerName: string;
  readonly roomId: string;
  readonly status: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/**
 * `PUT /scheduler/{s}/rooms/{r}/status`, deprecated, kept for Maestro v9 clients (reference §3.4):
 * forwards a `status` event with the body's status and changes nothing of the room (pings do
 * that).
 */
export class ForwardRoomStatusHandler {
  constructor(private readonly dependencies: RoomForwardingDependencies) {}

  async handle(command: ForwardRoomStatus): Promise<ForwardingAnswer> {
    const { schedulers, rooms, forwarder } = this.dependencies;
    const scheduler = schedulers.forwardingOf(command.schedulerName);
    if (!scheduler) return schedulerNotFound(command.schedulerName);
    if (!scheduler.forwarders.some((candidate) => candidate.enable)) return forwarded;
    const details = rooms.get(command.schedulerName, command.roomId);
    if (!details) return roomNotFound(command.roomId);
    if (details.isValidationRoom) return forwarded;
    if (!isForwardedRoomStatus(command.status)) {
      return notForwarded(`cannot convert string ${command.status} to a valid GameRoomStatus representation`);
    }

    const room = forwardedRoom(command.schedulerName, scheduler.game, command.roomId, details);
    const result = await forwarder.forward(scheduler.forwarders, room, {
      kind: 'status',
      status: command.status,
      metadata: command.metadata,
    });
    return answerFor(this.dependencies, 'status', room, result);
  }
}

function isForwardedRoomStatus(status: string): status is ForwardedRoomStatus {
  return status === 'ready' || status === 'occupied' || status === 'terminating' || status === 'terminated';
}
