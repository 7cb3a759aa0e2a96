import { type Forwarder } from '@maestro/domain';

/** A room status in the words forwarders receive (`RoomStatus.statusType`). */
export type ForwardedRoomStatus = 'ready' | 'occupied' | 'terminating' | 'terminated';

/** What a game room reports about a player (`POST …/playerevent`). */
export type PlayerEventKind = 'playerJoin' | 'playerLeft';

/** One of a room's ports, as clients reach it. */
export interface ForwardedRoomPort {
  readonly name: string;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
  /** The host port. */
  readonly port: number;
}

/** The room an event is about, with what forwarders are told of it. */
export interface ForwardedRoom {
  readonly schedulerName: string;
  /** The scheduler's game. */
  readonly game: string;
  readonly roomId: string;
  /** The address of the node the room runs on; empty while nobody reported it. */
  readonly host: string;
  /** Empty when the room has no ports, or its address is not known. */
  readonly ports: readonly ForwardedRoomPort[];
}

/**
 * What happened to the room (reference §9):
 * - `resync`: the room pinged; its status as it said it;
 * - `status`: a status Maestro reports itself (`terminated` when a room is deleted, or the deprecated
 *   `PUT …/status`);
 * - `roomEvent`: an arbitrary event a room reports (`POST …/roomevent`);
 * - `playerEvent`: a player joined or left (`POST …/playerevent`).
 * `metadata` is what the room sent with it.
 */
export type RoomEventToForward =
  | {
      readonly kind: 'resync' | 'status';
      readonly status: ForwardedRoomStatus;
      readonly metadata: Readonly<Record<string, unknown>>;
    }
  | {
      readonly kind: 'roomEvent';
      readonly event: string;
      readonly metadata: Readonly<Record<string, unknown>>;
    }
  | {
      readonly kind: 'playerEvent';
      readonly event: PlayerEventKind;
      readonly playerId: string;
      readonly metadata: Readonly<Record<string, unknown>>;
    };

/** One forwarder's part of a forwarding. */
export interface ForwardingAttempt {
  readonly forwarder: string;
  /**
   * How the call ended, as a gRPC status name: the transport's (`UNAVAILABLE`,
   * `DEADLINE_EXCEEDED`, …) when it failed; when the forwarder answered, its `Response.code` read as
   * Maestro reads it (200 `OK`, 404 `NOT_FOUND`, 406 `FAILED_PRECONDITION`, 500 `INTERNAL`, else
   * `UNKNOWN`); `NO_PORT` when the room had no port to tell, so nothing was sent.
   */
  readonly code: string;
  /** Whether the forwarder received it: any answer counts, whatever its code. */
  readonly delivered: boolean;
}

export type ForwardingResult =
  | { readonly outcome: 'delivered'; readonly attempts: readonly ForwardingAttempt[] }
  | {
      readonly outcome: 'failed';
      /** The forwarder that failed; the ones after it were not tried. */
      readonly forwarder: string;
      /** Why, in words a game room can be answered with. */
      readonly message: string;
      readonly attempts: readonly ForwardingAttempt[];
    };

/**
 * Tells a scheduler's forwarders (matchmakers and the like) what happens to its rooms. Only
 * forwarders with `enable: true` are called, one after the other, in the scheduler's order; the
 * first failure ends the forwarding. No forwarder enabled means delivered, with no attempts.
 */
export abstract class EventForwarder {
  abstract forward(
    forwarders: readonly Forwarder[],
    room: ForwardedRoom,
    event: RoomEventToForward,
  ): Promise<ForwardingResult>;
}
