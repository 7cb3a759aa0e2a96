import { type RoomDirectory } from '../known-rooms/room-directory.view';

/** `GET …/address`'s body (reference §3.5): protocols as Kubernetes spells them, no IPv6 label. */
export interface RoomAddressBody {
  readonly ports: readonly { readonly name: string; readonly protocol: string; readonly port: number }[];
  readonly host: string;
  readonly ipv6Label: string;
}

/** Why there is no address to give; answered 500, as Maestro answers an instance it cannot read. */
export class RoomAddressUnavailable {
  constructor(readonly message: string) {}
}

/**
 * `GET /scheduler/{s}/rooms/{r}/address`, deprecated: where the room's clients connect, as the
 * worker reported it (`RoomAddressAssigned`).
 */
export class RoomAddressQuery {
  constructor(private readonly rooms: RoomDirectory) {}

  handle(schedulerName: string, roomId: string): RoomAddressBody | RoomAddressUnavailable {
    const details = this.rooms.get(schedulerName, roomId);
    if (!details) {
      return new RoomAddressUnavailable(
        `error getting instance: room ${roomId} of scheduler ${schedulerName} not found`,
      );
    }
    if (!details.address) {
      return new RoomAddressUnavailable(
        `error getting instance: room ${roomId} of scheduler ${schedulerName} has no address yet`,
      );
    }
    return {
      ports: details.address.ports.map((port) => ({
        name: port.name,
        protocol: port.protocol.toUpperCase(),
        port: port.port,
      })),
      host: details.address.host,
      ipv6Label: '',
    };
  }
}
