import { type PlayerEventKind } from '@maestro/application';
import {
  answerFor,
  forwarded,
  forwardedRoom,
  type ForwardingAnswer,
  notForwarded,
  type RoomForwardingDependencies,
  schedulerNotFound,
} from './room-forwarding';

export interface ForwardPlayerEvent {
  readonly schedulerName: string;
  readonly roomId: string;
  /** `playerJoin` or `playerLeft`; anything else is refused when there is a forwarder to tell. */
  readonly event: string;
  /** Must hold the player's id as `playerId` (a string). */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/**
 * `POST /scheduler/{s}/rooms/{r}/playerevent` (reference §3.3). The body is only checked when an
 * enabled forwarder exists, as in Maestro, and, as there, the room is not looked up: a player
 * event names the room it comes from and carries its address when the rooms API knows it.
 */
export class ForwardPlayerEventHandler {
  constructor(private readonly dependencies: RoomForwardingDependencies) {}

  async handle(command: ForwardPlayerEvent): Promise<ForwardingAnswer> {
    const { schedulers, rooms, forwarder } = this.dependencies;
    const scheduler = schedulers.forwardingOf(command.schedulerName);
    if (!scheduler) return schedulerNotFound(command.schedulerName);
    const first = scheduler.forwarders.find((candidate) => candidate.enable);
    if (!first) return forwarded;

    const playerId = command.metadata.playerId;
    if (typeof playerId !== 'string') {
      return notForwarded(
        `eventAttributes must contain key "playerId" in playerEvent events. Forwarder name: "${first.name}", Scheduler: "${command.schedulerName}"`,
      );
    }
    if (!isPlayerEventKind(command.event)) {
      return notForwarded('invalid PlayerEventType. Should be "playerLeft" or "playerJoin"');
    }
    const details = rooms.get(command.schedulerName, command.roomId);
    if (details?.isValidationRoom) return forwarded;

    const room = forwardedRoom(command.schedulerName, scheduler.game, command.roomId, details);
    const result = await forwarder.forward(scheduler.forwarders, room, {
      kind: 'playerEvent',
      event: command.event,
      playerId,
      metadata: command.metadata,
    });
    return answerFor(this.dependencies, 'playerEvent', room, result);
  }
}

function isPlayerEventKind(event: string): event is PlayerEventKind {
  return event === 'playerJoin' || event === 'playerLeft';
}
