import {
  type Autoscaling,
  type Container,
  type EnvironmentVariable,
  type Forwarder,
  type ImagePullPolicy,
  type PortProtocol,
  type Scheduler,
} from './scheduler';
import {
  type AutoscalingDefinition,
  type ContainerDefinition,
  type ForwarderDefinition,
  type SchedulerDefinition,
} from './scheduler-definition';
import { initialSchedulerVersion } from './scheduler-version';

/** Maestro's defaults for what a client may leave out (reference §4, §8). */
export const schedulerDefaults = {
  matchAllocation: { maxMatches: 1 },
  forwarderTimeoutMs: 1_000,
  downThreshold: 0.99,
  /**
   * Maestro accepts `spec.restartPolicy` but never stores it, so every room runs with this one and
   * every response shows it; it is therefore not part of a `Scheduler` at all.
   */
  restartPolicy: 'Never',
} as const;

/**
 * The scheduler a valid definition describes, with defaults applied, in state `creating` at its
 * first version. Call it only with a definition `validateSchedulerDefinition` accepted: the closed
 * sets are narrowed here on that promise.
 */
export function buildScheduler(definition: SchedulerDefinition, createdAt: string): Scheduler {
  return {
    name: definition.name,
    game: definition.game,
    state: 'creating',
    portRange: definition.portRange,
    maxSurge: definition.maxSurge,
    roomsReplicas: definition.roomsReplicas,
    spec: {
      version: initialSchedulerVersion,
      terminationGracePeriodSeconds: definition.spec.terminationGracePeriodSeconds,
      containers: definition.spec.containers.map(buildContainer),
      toleration: definition.spec.toleration,
      affinity: definition.spec.affinity,
    },
    ...(definition.autoscaling ? { autoscaling: buildAutoscaling(definition.autoscaling) } : {}),
    forwarders: definition.forwarders.map(buildForwarder),
    annotations: { ...definition.annotations },
    labels: { ...definition.labels },
    matchAllocation: definition.matchAllocation ?? schedulerDefaults.matchAllocation,
    createdAt,
  };
}

function buildContainer(container: ContainerDefinition): Container {
  return {
    name: container.name,
    image: container.image,
    imagePullPolicy: container.imagePullPolicy as ImagePullPolicy,
    command: [...container.command],
    environment: container.environment.map(buildEnvironmentVariable),
    requests: { ...container.requests },
    limits: { ...container.limits },
    ports: container.ports.map((port) => ({
      name: port.name,
      protocol: port.protocol as PortProtocol,
      port: port.port,
      hostPort: port.hostPort,
      ...(port.hostPortRange ? { hostPortRange: port.hostPortRange } : {}),
    })),
  };
}

/**
 * A variable keeps one source, in Maestro's precedence: a non-empty value, else a secret key, else
 * a pod field.
 */
function buildEnvironmentVariable(variable: EnvironmentVariable): EnvironmentVariable {
  const { name, value, valueFrom } = variable;
  if (value) return { name, value };
  if (valueFrom?.secretKeyRef) return { name, valueFrom: { secretKeyRef: { ...valueFrom.secretKeyRef } } };
  if (valueFrom?.fieldRef) return { name, valueFrom: { fieldRef: { ...valueFrom.fieldRef } } };
  return { name };
}

function buildForwarder(forwarder: ForwarderDefinition): Forwarder {
  return {
    name: forwarder.name,
    enable: forwarder.enable,
    type: 'gRPC',
    address: forwarder.address,
    options: forwarder.options
      ? { timeoutMs: forwarder.options.timeoutMs, metadata: { ...forwarder.options.metadata } }
      : { timeoutMs: schedulerDefaults.forwarderTimeoutMs, metadata: {} },
  };
}

function buildAutoscaling(autoscaling: AutoscalingDefinition): Autoscaling {
  const { roomOccupancy, fixedBuffer } = autoscaling.policy.parameters;
  return {
    enabled: autoscaling.enabled,
    min: autoscaling.min,
    max: autoscaling.max,
    cooldownSeconds: autoscaling.cooldownSeconds,
    policy: {
      type: autoscaling.policy.type as Autoscaling['policy']['type'],
      parameters: {
        ...(roomOccupancy
          ? {
              roomOccupancy: {
                readyTarget: roomOccupancy.readyTarget,
                downThreshold: roomOccupancy.downThreshold || schedulerDefaults.downThreshold,
              },
            }
          : {}),
        ...(fixedBuffer ? { fixedBuffer: { amount: fixedBuffer.amount } } : {}),
      },
    },
  };
}
