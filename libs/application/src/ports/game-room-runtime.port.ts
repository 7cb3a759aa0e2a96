import { type Container, type InstanceStatus } from '@maestro/domain';

/** What the runtime says of a room's instance (reference §5, `convertPodStatus`). */
export type { InstanceStatus };

export interface AllocatedPort {
  readonly containerName: string;
  readonly name: string;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
  /** Port inside the container. */
  readonly containerPort: number;
  /** Port on the host, drawn from the scheduler's port range. */
  readonly hostPort: number;
}

/** Everything a runtime needs to start one room. */
export interface RoomInstanceSpec {
  readonly schedulerName: string;
  readonly roomId: string;
  /** Scheduler version the room runs (`v1.0.0`): a label on the instance. */
  readonly version: string;
  readonly containers: readonly Container[];
  readonly ports: readonly AllocatedPort[];
  readonly terminationGracePeriodSeconds: number;
  readonly toleration: string;
  readonly affinity: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly isValidationRoom: boolean;
}

export interface RoomInstance {
  readonly schedulerName: string;
  readonly roomId: string;
  readonly version: string;
  readonly status: InstanceStatus;
  /** Why, when the status is `error` (e.g. `CrashLoopBackOff: back-off restarting`). */
  readonly statusDescription: string;
  /** Node address and host ports, once placed. */
  readonly address?: { readonly host: string; readonly ports: readonly AllocatedPort[] };
}

export type InstanceEvent =
  | { readonly kind: 'upserted'; readonly instance: RoomInstance }
  | { readonly kind: 'deleted'; readonly schedulerName: string; readonly roomId: string };

export interface InstanceWatch {
  stop(): Promise<void>;
}

/**
 * Where rooms run: Kubernetes (one namespace per scheduler, one pod per room) or local processes.
 * Every operation is idempotent; instances carry labels so a restarted worker can adopt them.
 */
export abstract class GameRoomRuntime {
  /** Creates what a scheduler needs (its namespace); succeeds if it already exists. */
  abstract ensureScheduler(schedulerName: string): Promise<void>;

  /** Removes a scheduler's namespace and every instance in it; succeeds if already gone. */
  abstract deleteScheduler(schedulerName: string): Promise<void>;

  /** Starts a room; succeeds if an instance with that room id already exists. */
  abstract createInstance(spec: RoomInstanceSpec): Promise<void>;

  /** Stops a room (graceful, with the spec's grace period); succeeds if it is already gone. */
  abstract deleteInstance(schedulerName: string, roomId: string): Promise<void>;

  /** Every instance this system manages, optionally of one scheduler. */
  abstract listInstances(schedulerName?: string): Promise<RoomInstance[]>;

  /**
   * Streams instance changes of every scheduler: first an `upserted` for each existing instance,
   * then changes as they happen, with periodic re-lists so a missed change is eventually seen.
   */
  abstract watch(onEvent: (event: InstanceEvent) => void): Promise<InstanceWatch>;
}
