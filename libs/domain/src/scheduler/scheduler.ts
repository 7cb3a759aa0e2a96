/**
 * A scheduler: one kind of game room (Maestro reference §4). Field names follow Maestro's API;
 * durations are numbers here (the HTTP edge converts Maestro's "100s" strings).
 */
export interface PortRange {
  readonly start: number;
  readonly end: number;
}

export type PortProtocol = 'tcp' | 'udp' | 'sctp';

export interface ContainerPort {
  readonly name: string;
  readonly protocol: PortProtocol;
  readonly port: number;
  /** The host port as the client gave it (Maestro echoes it; rooms get theirs from the range). */
  readonly hostPort?: number;
  /** Per-port host port range, the alternative to the scheduler-wide `portRange`. */
  readonly hostPortRange?: PortRange;
}

export interface EnvironmentVariable {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly fieldRef?: { readonly fieldPath: string };
    readonly secretKeyRef?: { readonly name: string; readonly key: string };
  };
}

export interface ResourceQuantities {
  readonly memory: string;
  readonly cpu: string;
}

export type ImagePullPolicy = 'Always' | 'Never' | 'IfNotPresent';

export interface Container {
  readonly name: string;
  readonly image: string;
  readonly imagePullPolicy: ImagePullPolicy;
  readonly command: readonly string[];
  readonly environment: readonly EnvironmentVariable[];
  readonly requests: ResourceQuantities;
  readonly limits: ResourceQuantities;
  readonly ports: readonly ContainerPort[];
}

export interface SchedulerSpec {
  /** Server-managed semantic version with a `v` prefix, e.g. `v1.0.0`. */
  readonly version: string;
  readonly terminationGracePeriodSeconds: number;
  readonly containers: readonly Container[];
  /** Value of a `dedicated` NoSchedule toleration, or empty. */
  readonly toleration: string;
  /** Node label key that must be "true", or empty. */
  readonly affinity: string;
}

export interface Forwarder {
  readonly name: string;
  readonly enable: boolean;
  readonly type: 'gRPC';
  readonly address: string;
  readonly options: { readonly timeoutMs: number; readonly metadata: Readonly<Record<string, unknown>> };
}

export interface RoomOccupancyParameters {
  readonly readyTarget: number;
  readonly downThreshold: number;
}

export interface Autoscaling {
  readonly enabled: boolean;
  readonly min: number;
  /** -1 means unbounded. */
  readonly max: number;
  readonly cooldownSeconds: number;
  readonly policy: {
    readonly type: 'roomOccupancy' | 'fixedBuffer';
    readonly parameters: {
      readonly roomOccupancy?: RoomOccupancyParameters;
      readonly fixedBuffer?: { readonly amount: number };
    };
  };
}

export type SchedulerState = 'creating' | 'in-sync' | 'on-error' | 'terminating';

export interface Scheduler {
  readonly name: string;
  readonly game: string;
  readonly state: SchedulerState;
  readonly portRange: PortRange | null;
  /** `"<n>"` rooms or `"<n>%"` of the desired count. */
  readonly maxSurge: string;
  readonly roomsReplicas: number;
  readonly spec: SchedulerSpec;
  readonly autoscaling?: Autoscaling;
  readonly forwarders: readonly Forwarder[];
  readonly annotations: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly matchAllocation: { readonly maxMatches: number };
  /** When this version was created (ISO-8601). */
  readonly createdAt: string;
}
