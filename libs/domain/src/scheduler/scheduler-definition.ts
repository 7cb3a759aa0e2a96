import { type EnvironmentVariable, type PortRange, type ResourceQuantities } from './scheduler';

/**
 * A scheduler as a client asks for it, before validation and defaults: closed sets are still plain
 * strings (so a wrong `imagePullPolicy` can be named in the error) and optional blocks are `null`
 * when absent. The HTTP edge builds it from the request body; `validateSchedulerDefinition` judges
 * it and `buildScheduler` turns a valid one into a `Scheduler`.
 */
export interface SchedulerDefinition {
  readonly name: string;
  readonly game: string;
  readonly maxSurge: string;
  readonly roomsReplicas: number;
  readonly portRange: PortRange | null;
  readonly spec: SpecDefinition;
  readonly autoscaling: AutoscalingDefinition | null;
  readonly forwarders: readonly ForwarderDefinition[];
  readonly annotations: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  /** Absent means one match per room. */
  readonly matchAllocation: { readonly maxMatches: number } | null;
}

export interface SpecDefinition {
  /** Seconds; 0 when absent. */
  readonly terminationGracePeriodSeconds: number;
  readonly containers: readonly ContainerDefinition[];
  readonly toleration: string;
  readonly affinity: string;
}

export interface ContainerDefinition {
  readonly name: string;
  readonly image: string;
  readonly imagePullPolicy: string;
  readonly command: readonly string[];
  readonly environment: readonly EnvironmentVariable[];
  /** Empty strings when the block is absent. */
  readonly requests: ResourceQuantities;
  readonly limits: ResourceQuantities;
  readonly ports: readonly ContainerPortDefinition[];
}

export interface ContainerPortDefinition {
  readonly name: string;
  readonly protocol: string;
  readonly port: number;
  readonly hostPort: number;
  readonly hostPortRange: PortRange | null;
}

export interface ForwarderDefinition {
  readonly name: string;
  readonly enable: boolean;
  readonly type: string;
  readonly address: string;
  /** Absent options mean the default timeout and no metadata. */
  readonly options: {
    readonly timeoutMs: number;
    readonly metadata: Readonly<Record<string, unknown>>;
  } | null;
}

export interface AutoscalingDefinition {
  readonly enabled: boolean;
  readonly min: number;
  readonly max: number;
  readonly cooldownSeconds: number;
  readonly policy: {
    readonly type: string;
    readonly parameters: {
      /** `downThreshold` 0 means the default. */
      readonly roomOccupancy: { readonly readyTarget: number; readonly downThreshold: number } | null;
      readonly fixedBuffer: { readonly amount: number } | null;
    };
  };
}
