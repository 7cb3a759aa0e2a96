import { type EnvironmentVariable, type PortRange, type ResourceQuantities } from './scheduler';
import {
  type AutoscalingDefinition,
  type ContainerDefinition,
  type ContainerPortDefinition,
  type ForwarderDefinition,
  type SchedulerDefinition,
} from './scheduler-definition';

/**
 * A partial update of a scheduler (`PATCH /schedulers/{name}`, reference §2.3 #5): every field is
 * optional and an absent one leaves the scheduler's value alone. `name` and `game` cannot be
 * patched.
 */
export interface SchedulerPatch {
  readonly spec?: SpecPatch;
  readonly portRange?: PortRange;
  readonly maxSurge?: string;
  readonly roomsReplicas?: number;
  readonly autoscaling?: AutoscalingPatch;
  readonly forwarders?: readonly ForwarderDefinition[];
  readonly annotations?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly matchAllocation?: { readonly maxMatches: number };
}

export interface SpecPatch {
  readonly terminationGracePeriodSeconds?: number;
  /** The i-th entry patches the i-th container; entries beyond the last container add containers. */
  readonly containers?: readonly ContainerPatch[];
  readonly toleration?: string;
  readonly affinity?: string;
}

/** Lists and blocks replace the container's whole list or block. */
export interface ContainerPatch {
  readonly name?: string;
  readonly image?: string;
  readonly imagePullPolicy?: string;
  readonly command?: readonly string[];
  readonly environment?: readonly EnvironmentVariable[];
  readonly requests?: ResourceQuantities;
  readonly limits?: ResourceQuantities;
  readonly ports?: readonly ContainerPortDefinition[];
}

export interface AutoscalingPatch {
  readonly enabled?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly cooldownSeconds?: number;
  /** Replaces the whole policy. */
  readonly policy?: AutoscalingDefinition['policy'];
}

/**
 * Whether a patch names nothing to change: the caller answers 409 `no change found to scheduler
 * <name>`. As in Maestro, only the top-level fields count: `{}` is empty, while `{"spec": {}}`, or
 * a patch that sets a field to the value it already has, is not, and makes a new minor version
 * identical to the active one (Maestro's handler checks which fields the request carries and never
 * compares the patched scheduler with the current one; reference §4: "a PATCH/POST that changes
 * nothing relevant still creates a new minor version").
 */
export function isEmptyPatch(patch: SchedulerPatch): boolean {
  return Object.values(patch).every((value) => value === undefined);
}

/**
 * The definition the patch turns the current one into, with Maestro's merge semantics: scalars
 * replace; `portRange`, `forwarders`, `annotations`, `labels`, `matchAllocation` and
 * `autoscaling.policy` replace wholesale; containers are patched field by field, index by index;
 * autoscaling fields merge into the current block, or into an empty one when there is none. What
 * the result lacks (a new container's image, a new autoscaling block's policy) is left empty for
 * `validateSchedulerDefinition` to name.
 */
export function applySchedulerPatch(
  current: SchedulerDefinition,
  patch: SchedulerPatch,
): SchedulerDefinition {
  return {
    ...current,
    maxSurge: patch.maxSurge ?? current.maxSurge,
    roomsReplicas: patch.roomsReplicas ?? current.roomsReplicas,
    portRange: patch.portRange ?? current.portRange,
    spec: patch.spec ? patchSpec(current.spec, patch.spec) : current.spec,
    autoscaling: patch.autoscaling
      ? patchAutoscaling(current.autoscaling ?? emptyAutoscaling, patch.autoscaling)
      : current.autoscaling,
    forwarders: patch.forwarders ?? current.forwarders,
    annotations: patch.annotations ?? current.annotations,
    labels: patch.labels ?? current.labels,
    matchAllocation: patch.matchAllocation ?? current.matchAllocation,
  };
}

function patchSpec(current: SchedulerDefinition['spec'], patch: SpecPatch): SchedulerDefinition['spec'] {
  return {
    terminationGracePeriodSeconds:
      patch.terminationGracePeriodSeconds ?? current.terminationGracePeriodSeconds,
    containers: patch.containers ? patchContainers(current.containers, patch.containers) : current.containers,
    toleration: patch.toleration ?? current.toleration,
    affinity: patch.affinity ?? current.affinity,
  };
}

function patchContainers(
  current: readonly ContainerDefinition[],
  patches: readonly ContainerPatch[],
): ContainerDefinition[] {
  const untouched = current.slice(patches.length);
  const patched = patches.map((patch, index) => patchContainer(current[index] ?? emptyContainer, patch));
  return [...patched, ...untouched];
}

function patchContainer(current: ContainerDefinition, patch: ContainerPatch): ContainerDefinition {
  return {
    name: patch.name ?? current.name,
    image: patch.image ?? current.image,
    imagePullPolicy: patch.imagePullPolicy ?? current.imagePullPolicy,
    command: patch.command ?? current.command,
    environment: patch.environment ?? current.environment,
    requests: patch.requests ?? current.requests,
    limits: patch.limits ?? current.limits,
    ports: patch.ports ?? current.ports,
  };
}

function patchAutoscaling(current: AutoscalingDefinition, patch: AutoscalingPatch): AutoscalingDefinition {
  return {
    enabled: patch.enabled ?? current.enabled,
    min: patch.min ?? current.min,
    max: patch.max ?? current.max,
    cooldownSeconds: patch.cooldownSeconds ?? current.cooldownSeconds,
    policy: patch.policy ?? current.policy,
  };
}

/** A container added by a patch starts empty: whatever the patch leaves out, validation names. */
const emptyContainer: ContainerDefinition = {
  name: '',
  image: '',
  imagePullPolicy: '',
  command: [],
  environment: [],
  requests: { memory: '', cpu: '' },
  limits: { memory: '', cpu: '' },
  ports: [],
};

const emptyAutoscaling: AutoscalingDefinition = {
  enabled: false,
  min: 0,
  max: 0,
  cooldownSeconds: 0,
  policy: { type: '', parameters: { roomOccupancy: null, fixedBuffer: null } },
};
