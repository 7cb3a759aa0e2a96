/** A room's port as the allocate API answers it: the host port, the protocol as Kubernetes spells it. */
export interface AllocatedRoomPort {
  readonly name: string;
  readonly protocol: string;
  readonly port: number;
}

export interface AllocationRequest {
  readonly schedulerName: string;
  readonly allocatedAt: Date;
  /** Until when a `ready` ping keeps the room `allocated` (allocatedAt + the allocation TTL). */
  readonly expiresAt: Date;
}

export interface AllocatedRoom {
  readonly roomId: string;
  readonly ports: readonly AllocatedRoomPort[];
  /** The node address clients connect to; empty while the runtime has not placed the room. */
  readonly host: string;
}

/** Why allocation cannot be tried at all (no database configured, or not connected yet). */
export class AllocationUnavailableError extends Error {
  override readonly name = 'AllocationUnavailableError';
}

/**
 * Hands out one ready room of a scheduler, atomically: however many callers ask at once, in this
 * process or others, a room is handed out once (until it becomes ready again). `undefined` when
 * the scheduler has no ready room.
 */
export abstract class RoomAllocator {
  abstract allocate(request: AllocationRequest): Promise<AllocatedRoom | undefined>;
}
