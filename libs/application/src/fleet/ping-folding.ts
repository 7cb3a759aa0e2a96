import {
  decideGameRoom,
  evolveGameRoom,
  type GameRoom,
  type GameRoomCommand,
  type GameRoomEvent,
  observeGameRoom,
} from '@maestro/domain';

export interface RoomPing {
  readonly schedulerName: string;
  readonly roomId: string;
  readonly status: 'ready' | 'occupied' | 'terminating' | 'terminated';
  readonly runningMatches: number;
  readonly receivedAt: string;
}

export interface PingFoldingSettings {
  /** The scheduler's `matchAllocation.maxMatches`. */
  readonly maxMatches: number;
  /** How long an allocated room stays allocated while it pings ready. */
  readonly allocationTtlMs: number;
}

/** What a batch of pings does to a fleet's rooms, before anything is stored or applied. */
export interface FoldedPings {
  /** Each room the batch changed, as the batch leaves it. */
  readonly rooms: Map<string, GameRoom>;
  /** The events the batch decided, per room, in order (rooms whose status did not change have none). */
  readonly events: Map<string, GameRoomEvent[]>;
}

/**
 * Folds a batch of one scheduler's pings, in the order they were consumed, into its rooms: each
 * ping is decided against its room as the earlier pings of the batch left it. Pings of unknown
 * rooms, pings older than the room's last one (a redelivery) and pings from before the room
 * existed change nothing. Pure: the caller appends the events, then applies the rooms.
 */
export function foldPings(
  current: ReadonlyMap<string, GameRoom>,
  pings: readonly RoomPing[],
  settings: PingFoldingSettings,
): FoldedPings {
  const rooms = new Map<string, GameRoom>();
  const events = new Map<string, GameRoomEvent[]>();
  for (const ping of pings) {
    const room = rooms.get(ping.roomId) ?? current.get(ping.roomId);
    if (!room) continue;
    if (room.lastPingAt !== undefined && ping.receivedAt < room.lastPingAt) continue;
    if (ping.receivedAt < room.createdAt) continue;
    const command: GameRoomCommand = {
      kind: 'RecordPing',
      pingStatus: ping.status,
      runningMatches: ping.runningMatches,
      maxMatches: settings.maxMatches,
      allocationTtlMs: settings.allocationTtlMs,
      at: ping.receivedAt,
    };
    const decided = decideGameRoom(command, room);
    const after = decided.reduce<GameRoom | undefined>(evolveGameRoom, observeGameRoom(room, command));
    // A ping never removes a room from the log (a `terminated` one is deleted by the caller).
    if (!after) continue;
    rooms.set(ping.roomId, after);
    if (decided.length > 0) events.set(ping.roomId, [...(events.get(ping.roomId) ?? []), ...decided]);
  }
  return { rooms, events };
}
