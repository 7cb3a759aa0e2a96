import { type Clock } from '@maestro/application';
import {
  type AllocatedRoomPort,
  AllocationUnavailableError,
  type RoomAllocator,
} from './room-allocator.port';

/** `POST …/rooms/allocate`'s body (reference §3.6). */
export interface AllocateRoomBody {
  readonly roomId: string;
  readonly success: true;
  readonly message: '';
  readonly ports: readonly AllocatedRoomPort[];
  readonly host: string;
}

export type AllocateRoomOutcome =
  | { readonly kind: 'allocated'; readonly body: AllocateRoomBody }
  /** Maestro answers 500 (code 2) when no room is ready. */
  | { readonly kind: 'no-ready-room'; readonly message: string }
  /** No database to allocate with (not configured, or not connected yet): 503. */
  | { readonly kind: 'unavailable'; readonly message: string };

export interface AllocateRoomSettings {
  /** How long a `ready` ping keeps an allocated room allocated (Maestro's roomAllocationTTLMillis). */
  readonly allocationTtlMs: number;
}

/** Hands one ready room of a scheduler out, for `allocationTtlMs` from now. */
export class AllocateRoomHandler {
  constructor(
    private readonly allocator: RoomAllocator,
    private readonly clock: Clock,
    private readonly settings: AllocateRoomSettings,
  ) {}

  async handle(schedulerName: string): Promise<AllocateRoomOutcome> {
    const allocatedAt = this.clock.now();
    const expiresAt = new Date(allocatedAt.getTime() + this.settings.allocationTtlMs);
    try {
      const room = await this.allocator.allocate({ schedulerName, allocatedAt, expiresAt });
      if (!room) {
        return { kind: 'no-ready-room', message: `no ready rooms available for scheduler ${schedulerName}` };
      }
      return {
        kind: 'allocated',
        body: { roomId: room.roomId, success: true, message: '', ports: room.ports, host: room.host },
      };
    } catch (error) {
      if (error instanceof AllocationUnavailableError) return { kind: 'unavailable', message: error.message };
      throw error;
    }
  }
}
