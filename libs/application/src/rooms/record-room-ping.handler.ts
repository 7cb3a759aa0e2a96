import { type EventData, type EventEnvelope, roomPingedV1 } from '@maestro/contracts';
import { type Clock } from '../ports/clock.port';
import { type MessagePublisher, type OutgoingMessage } from '../ports/message-bus.port';
import { type Randomness } from '../ports/randomness.port';
import { type KnownRooms } from './known-rooms.view';

export type RoomPingedData = EventData<typeof roomPingedV1>;

/** What a room may report of itself: `ready`, `occupied`, `terminating` or `terminated`. */
export type ReportedPingStatus = RoomPingedData['status'];

/** A game room's ping as decoded at the edge (`PUT /scheduler/{s}/rooms/{room}/ping`). */
export interface RecordRoomPing {
  readonly schedulerName: string;
  readonly roomId: string;
  readonly status: ReportedPingStatus;
  /** As sent; `undefined` when the room left it out. */
  readonly runningMatches: number | undefined;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** The room's own clock, as sent; kept for consumers, never used for liveness. */
  readonly roomTimestamp: string | undefined;
}

/**
 * How a ping ended. Only `accepted` is a success for the room; the others answer
 * `{"success": false}` (or 400 for `invalid`), and the room simply pings again.
 */
export type RoomPingResult =
  | { readonly outcome: 'accepted' }
  | { readonly outcome: 'unknown_room' }
  | { readonly outcome: 'invalid'; readonly problems: readonly string[] }
  | { readonly outcome: 'publish_failed'; readonly error: unknown };

export interface RecordRoomPingDependencies {
  readonly knownRooms: KnownRooms;
  readonly publisher: MessagePublisher;
  readonly clock: Clock;
  /** Gives each published event its id. */
  readonly randomness: Randomness;
  /** `ce_source` of the published events, e.g. `maestro/room-ping-ingest`. */
  readonly source: string;
}

// Shared results: the hot path answers most pings without allocating one.
const accepted: RoomPingResult = { outcome: 'accepted' };
const unknownRoom: RoomPingResult = { outcome: 'unknown_room' };

/**
 * Records a room's ping by publishing `RoomPinged` (keyed by scheduler) and reports success only
 * once the bus acknowledged it. Pings are telemetry: nothing is read from or written to a database,
 * and whether the room exists comes from the in-memory `KnownRooms` view.
 */
export class RecordRoomPingHandler {
  constructor(private readonly dependencies: RecordRoomPingDependencies) {}

  async handle(command: RecordRoomPing): Promise<RoomPingResult> {
    const { knownRooms, publisher, clock, randomness, source } = this.dependencies;
    if (!knownRooms.has(command.schedulerName, command.roomId)) return unknownRoom;

    const receivedAt = clock.now().toISOString();
    const data: RoomPingedData = {
      schedulerName: command.schedulerName,
      roomId: command.roomId,
      status: command.status,
      runningMatches: effectiveRunningMatches(command.status, command.runningMatches),
      metadata: command.metadata,
      receivedAt,
      roomTimestamp: command.roomTimestamp,
    };
    const checked = roomPingedV1.schema.safeParse(data);
    if (!checked.success) {
      return {
        outcome: 'invalid',
        problems: checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      };
    }

    try {
      await publisher.publish([roomPingedMessage(data, randomness.uuid(), source)]);
    } catch (error) {
      return { outcome: 'publish_failed', error };
    }
    return accepted;
  }
}

/**
 * The `RoomPinged` message of a ping, keyed by its scheduler, as room-ping-ingest publishes it on
 * `room-pings` (the ping benchmark publishes its load the same way).
 */
export function roomPingedMessage(data: RoomPingedData, eventId: string, source: string): OutgoingMessage {
  const envelope: EventEnvelope<RoomPingedData> = {
    id: eventId,
    type: roomPingedV1.type,
    schemaVersion: roomPingedV1.version,
    source,
    subject: data.schedulerName,
    time: data.receivedAt,
    data,
  };
  return { topic: roomPingedV1.topic, key: data.schedulerName, envelope };
}

/** Maestro's rule: an occupied room runs at least one match, whatever it says. */
function effectiveRunningMatches(status: ReportedPingStatus, runningMatches: number | undefined): number {
  if (status === 'occupied' && !(runningMatches !== undefined && runningMatches > 0)) return 1;
  return runningMatches ?? 0;
}
