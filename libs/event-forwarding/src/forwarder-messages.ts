import {
  type ForwardedRoom,
  type ForwardedRoomPort,
  type ForwardedRoomStatus,
  type RoomEventToForward,
} from '@maestro/application';
import { type Forwarder } from '@maestro/domain';

/*
 * The messages of Maestro's forwarder contract (proto/events.proto), as plain objects in the shape
 * proto-loader reads and writes them (field names as in the proto, enums by name).
 */

export interface RoomMessage {
  readonly game: string;
  readonly roomId: string;
  readonly host: string;
  readonly port: number;
  readonly metadata: Readonly<Record<string, string>>;
  readonly roomType: string;
}

export interface RoomStatusMessage {
  readonly room: RoomMessage;
  readonly statusType: ForwardedRoomStatus;
}

export interface RoomEventMessage {
  readonly room: RoomMessage;
  readonly eventType: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface PlayerEventMessage {
  readonly playerId: string;
  readonly room: RoomMessage;
  readonly eventType: 'PLAYER_JOINED' | 'PLAYER_LEFT';
  readonly metadata: Readonly<Record<string, string>>;
}

/** One RPC of the `eventforwarder.GRPCForwarder` service with its request. */
export type ForwarderCall =
  | { readonly rpc: 'SendRoomResync' | 'SendRoomStatus'; readonly message: RoomStatusMessage }
  | { readonly rpc: 'SendRoomEvent'; readonly message: RoomEventMessage }
  | { readonly rpc: 'SendPlayerEvent'; readonly message: PlayerEventMessage };

export type ForwarderRpc = ForwarderCall['rpc'];

/** Nothing can be sent: the room has no port to tell the forwarder. */
export interface NoPortToForward {
  readonly problem: 'no_port';
  readonly message: string;
}

/** The port clients connect to: the one named `clientPort`, else the first. */
export const clientPortName = 'clientPort';

/**
 * The call one forwarder gets for an event, built as Maestro builds it (reference §9):
 * - the event's attributes are the room's metadata plus `eventType` (`resync`, `status`,
 *   `roomEvent`), `pingType`, `roomEvent` and `ports` (a JSON list of `{name, port, protocol}`);
 * - status and resync carry the forwarder's `options.metadata` overridden by the attributes; room
 *   events the attributes overridden by the forwarder's metadata (in `Room.metadata` as Maestro
 *   sends them, and in `RoomEvent.metadata` too, where Maestro's older releases put them);
 * - player events carry the room's metadata plus `eventType` and the forwarder's `roomType`;
 * - `Room.port` is the host port of the `clientPort` port, else of the first port; without any, only
 *   `terminating` and `terminated` statuses go out (port 0), as Maestro tolerates a vanished room
 *   there; player events need no port;
 * - `Room.roomType` is the forwarder metadata's `roomType` when it is a string.
 * Every metadata value is a string: strings as they are, anything else as JSON.
 */
export function buildForwarderCall(
  forwarder: Forwarder,
  room: ForwardedRoom,
  event: RoomEventToForward,
): ForwarderCall | NoPortToForward {
  const forwarderMetadata = forwarder.options.metadata;
  const roomType = typeof forwarderMetadata.roomType === 'string' ? forwarderMetadata.roomType : '';
  const port = selectPort(room.ports);

  if (event.kind === 'playerEvent') {
    const metadata: Record<string, unknown> = { ...event.metadata, eventType: event.event };
    if ('roomType' in forwarderMetadata) metadata.roomType = forwarderMetadata.roomType;
    return {
      rpc: 'SendPlayerEvent',
      message: {
        playerId: event.playerId,
        room: roomMessage(room, port ?? 0, {}, roomType),
        eventType: event.event === 'playerJoin' ? 'PLAYER_JOINED' : 'PLAYER_LEFT',
        metadata: stringified(metadata),
      },
    };
  }

  const toleratesNoPort =
    event.kind !== 'roomEvent' && (event.status === 'terminating' || event.status === 'terminated');
  if (port === undefined && !toleratesNoPort) {
    return {
      problem: 'no_port',
      message: `no room port found to forward roomEvent. Forwarder name: "${forwarder.name}", Scheduler: "${room.schedulerName}"`,
    };
  }

  const ports = room.ports.length > 0 ? { ports: portsAttribute(room.ports) } : {};
  if (event.kind === 'roomEvent') {
    const attributes = { ...event.metadata, eventType: 'roomEvent', roomEvent: event.event, ...ports };
    const metadata = stringified({ ...attributes, ...forwarderMetadata });
    return {
      rpc: 'SendRoomEvent',
      message: { room: roomMessage(room, port ?? 0, metadata, roomType), eventType: event.event, metadata },
    };
  }

  const attributes =
    event.kind === 'resync'
      ? { ...event.metadata, eventType: 'resync', pingType: event.status, ...ports }
      : { ...event.metadata, eventType: 'status', pingType: event.status, roomEvent: event.status, ...ports };
  const metadata = stringified({ ...forwarderMetadata, ...attributes });
  return {
    rpc: event.kind === 'resync' ? 'SendRoomResync' : 'SendRoomStatus',
    message: { room: roomMessage(room, port ?? 0, metadata, roomType), statusType: event.status },
  };
}

function roomMessage(
  room: ForwardedRoom,
  port: number,
  metadata: Readonly<Record<string, string>>,
  roomType: string,
): RoomMessage {
  return { game: room.game, roomId: room.roomId, host: room.host, port, metadata, roomType };
}

function selectPort(ports: readonly ForwardedRoomPort[]): number | undefined {
  return (ports.find((candidate) => candidate.name === clientPortName) ?? ports[0])?.port;
}

/**
 * Keys in Go's order (sorted) and protocols as Kubernetes spells them (`TCP`), so the string is the
 * one Maestro sends.
 */
function portsAttribute(ports: readonly ForwardedRoomPort[]): string {
  return JSON.stringify(
    ports.map(({ name, port, protocol }) => ({ name, port, protocol: protocol.toUpperCase() })),
  );
}

function stringified(values: Readonly<Record<string, unknown>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    result[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return result;
}

/** A call as a forwarder received it, with the time its caller gave it. */
export type ReceivedForwarderCall = ForwarderCall & {
  /** Milliseconds left before the caller's deadline when the call arrived (undefined: none). */
  readonly deadlineMs: number | undefined;
};
