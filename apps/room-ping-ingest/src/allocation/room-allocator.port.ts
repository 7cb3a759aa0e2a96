/** A room's port as the allocate API answers it: the host port, the protocol as Kubernetes spells it. */
export interface AllocatedRoomPort {
  readonly name: string;
  readonly protocol: string;
  readonly port: number;
}

/** When one allocation starts and until when a `ready` ping keeps the room `allocated`. */
export interface AllocationWindow {
  readonly allocatedAt: Date;
  /** allocatedAt + the allocation TTL. */
  readonly expiresAt: Date;
}

export interface AllocationRequest extends AllocationWindow {
  readonly schedulerName: string;
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

/**
 * Hands out several ready rooms of one scheduler in one atomic step, one per window, in order:
 * the answer's i-th room belongs to the i-th window. Fewer rooms than windows when the scheduler
 * ran out; the windows past the answer's end got none. As with `RoomAllocator`, no room is ever
 * handed out twice, whoever else allocates at the same time.
 */
export abstract class RoomBatchAllocator {
  abstract allocateBatch(
    schedulerName: string,
    windows: readonly AllocationWindow[],
  ): Promise<readonly AllocatedRoom[]>;
}
