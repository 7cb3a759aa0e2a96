import { type RoomStatus } from './room-status';

/** What a room said of itself in its last ping; `unknown` before the first one. */
export type PingStatus = 'unknown' | 'ready' | 'occupied' | 'terminating' | 'terminated';

/** What the runtime says of the room's instance (pod or process). */
export type InstanceStatus = 'unknown' | 'pending' | 'ready' | 'terminating' | 'error';

export interface StatusInputs {
  readonly pingStatus: PingStatus;
  readonly instanceStatus: InstanceStatus;
  readonly runningMatches: number;
  /** `matchAllocation.maxMatches` of the room's scheduler; above 1 enables `active`. */
  readonly maxMatches: number;
}

/**
 * A room's status from its last ping and its instance (Maestro reference §5, first match wins):
 * the instance decides while it is not ready; once it is, the ping decides.
 */
export function composeRoomStatus(inputs: StatusInputs): RoomStatus {
  const composed = composeFromTable(inputs.pingStatus, inputs.instanceStatus);
  if (inputs.maxMatches > 1 && (composed === 'ready' || composed === 'occupied')) {
    if (inputs.runningMatches < 1) return 'ready';
    return inputs.runningMatches >= inputs.maxMatches ? 'occupied' : 'active';
  }
  return composed;
}

function composeFromTable(ping: PingStatus, instance: InstanceStatus): RoomStatus {
  if (instance === 'error') return 'error';
  if (ping === 'terminated') return 'terminated';
  if (ping === 'terminating' || instance === 'terminating') return 'terminating';
  if (instance === 'unknown' || instance === 'pending') return 'pending';
  // The instance is ready: the ping decides.
  switch (ping) {
    case 'unknown':
      return 'unready';
    case 'ready':
      return 'ready';
    case 'occupied':
      return 'occupied';
  }
}

const allowedTransitions: Readonly<Record<RoomStatus, readonly RoomStatus[]>> = {
  pending: ['ready', 'unready', 'occupied', 'terminating', 'error'],
  unready: ['pending', 'ready', 'occupied', 'active', 'terminating', 'error'],
  ready: ['occupied', 'allocated', 'active', 'unready', 'terminating', 'error'],
  active: ['ready', 'occupied', 'unready', 'terminating', 'error'],
  occupied: ['ready', 'active', 'unready', 'terminating', 'error'],
  allocated: ['ready', 'active', 'occupied', 'unready', 'terminating', 'error'],
  error: ['ready', 'unready', 'terminating'],
  terminating: ['ready', 'unready', 'error', 'terminated'],
  terminated: [],
};

/** Whether a room may go from one status to another (reference §5); staying put is always allowed. */
export function canTransition(from: RoomStatus, to: RoomStatus): boolean {
  return from === to || allowedTransitions[from].includes(to);
}
