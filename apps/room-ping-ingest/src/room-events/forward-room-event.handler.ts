import {
  answerFor,
  forwarded,
  forwardedRoom,
  type ForwardingAnswer,
  roomNotFound,
  type RoomForwardingDependencies,
  schedulerNotFound,
} from './room-forwarding';

export interface ForwardRoomEvent {
  readonly schedulerName: string;
  readonly roomId: string;
  readonly event: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/**
 * `POST /scheduler/{s}/rooms/{r}/roomevent` (reference §3.2): sends the event to the scheduler's
 * enabled forwarders, changing nothing of the room. Without an enabled forwarder there is nothing
 * to do, whatever the room; validation rooms never forward.
 */
export class ForwardRoomEventHandler {
  constructor(private readonly dependencies: RoomForwardingDependencies) {}

  async handle(command: ForwardRoomEvent): Promise<ForwardingAnswer> {
    const { schedulers, rooms, forwarder } = this.dependencies;
    const scheduler = schedulers.forwardingOf(command.schedulerName);
    if (!scheduler) return schedulerNotFound(command.schedulerName);
    if (!scheduler.forwarders.some((candidate) => candidate.enable)) return forwarded;
    const details = rooms.get(command.schedulerName, command.roomId);
    if (!details) return roomNotFound(command.roomId);
    if (details.isValidationRoom) return forwarded;

    const room = forwardedRoom(command.schedulerName, scheduler.game, command.roomId, details);
    const result = await forwarder.forward(scheduler.forwarders, room, {
      kind: 'roomEvent',
      event: command.event,
      metadata: command.metadata,
    });
    return answerFor(this.dependencies, 'roomEvent', room, result);
  }
}
