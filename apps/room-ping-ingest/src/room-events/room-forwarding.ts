import {
  type AppLogger,
  type EventForwarder,
  type ForwardedRoom,
  type ForwardingResult,
} from '@maestro/application';
import { type EventForwardingMetrics } from '@maestro/event-forwarding';
import { type KnownSchedulers } from '../known-rooms/known-schedulers.view';
import { type RoomDetails, type RoomDirectory } from '../known-rooms/room-directory.view';

/** What the event routes need: the views fed from Kafka, and the forwarding port. */
export interface RoomForwardingDependencies {
  readonly schedulers: KnownSchedulers;
  readonly rooms: RoomDirectory;
  readonly forwarder: EventForwarder;
  readonly metrics: EventForwardingMetrics;
  readonly logger: AppLogger;
}

/** Maestro's answer to an event route: always HTTP 200, `success` false with the reason. */
export interface ForwardingAnswer {
  readonly success: boolean;
  readonly message: string;
}

export const forwarded: ForwardingAnswer = { success: true, message: '' };

export function notForwarded(message: string): ForwardingAnswer {
  return { success: false, message };
}

export function schedulerNotFound(schedulerName: string): ForwardingAnswer {
  return notForwarded(`scheduler ${schedulerName} not found`);
}

export function roomNotFound(roomId: string): ForwardingAnswer {
  return notForwarded(`failed to get room ${roomId} from storage: room not found`);
}

/**
 * The room as forwarders are told of it. Until the worker reports where the runtime placed it
 * (`RoomAddressAssigned`), the host is empty and the ports are the host ports drawn at creation.
 */
export function forwardedRoom(
  schedulerName: string,
  game: string,
  roomId: string,
  details: RoomDetails | undefined,
): ForwardedRoom {
  return {
    schedulerName,
    game,
    roomId,
    host: details?.address?.host ?? '',
    ports: details?.address?.ports ?? details?.ports ?? [],
  };
}

/** Counts the forwarding, logs a failure, and turns it into the route's answer. */
export function answerFor(
  dependencies: RoomForwardingDependencies,
  kind: 'roomEvent' | 'playerEvent' | 'status',
  room: ForwardedRoom,
  result: ForwardingResult,
): ForwardingAnswer {
  dependencies.metrics.record(kind, room.schedulerName, result);
  if (result.outcome === 'delivered') return forwarded;
  dependencies.logger.warn('event not forwarded', {
    event: kind,
    schedulerName: room.schedulerName,
    roomId: room.roomId,
    forwarder: result.forwarder,
    reason: result.message,
  });
  return notForwarded(result.message);
}
