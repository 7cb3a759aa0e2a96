import {
  type Autoscaling,
  type Container,
  type EnvironmentVariable,
  type Forwarder,
  type Scheduler,
} from './scheduler';
import {
  type AutoscalingDefinition,
  type ContainerDefinition,
  type ForwarderDefinition,
  type SchedulerDefinition,
} from './scheduler-definition';

/**
 * The definition a stored scheduler was built from, as far as `buildScheduler` keeps it: the
 * inverse of `buildScheduler` up to the server-managed fields (state, version, creation time). It
 * lets a PATCH be applied to the active version and the result judged and built like any request.
 * Defaults `buildScheduler` filled in stay filled in (they are what the client now has).
 */
export function definitionFromScheduler(scheduler: Scheduler): SchedulerDefinition {
  return {
    name: scheduler.name,
    game: scheduler.game,
    maxSurge: scheduler.maxSurge,
    roomsReplicas: scheduler.roomsReplicas,
    portRange: scheduler.portRange ? { ...scheduler.portRange } : null,
    spec: {
      terminationGracePeriodSeconds: scheduler.spec.terminationGracePeriodSeconds,
      containers: scheduler.spec.containers.map(containerDefinition),
      toleration: scheduler.spec.toleration,
      affinity: scheduler.spec.affinity,
    },
    autoscaling: scheduler.autoscaling ? autoscalingDefinition(scheduler.autoscaling) : null,
    forwarders: scheduler.forwarders.map(forwarderDefinition),
    annotations: { ...scheduler.annotations },
    labels: { ...scheduler.labels },
    matchAllocation: { ...scheduler.matchAllocation },
  };
}

function containerDefinition(container: Container): ContainerDefinition {
  return {
    name: container.name,
    image: container.image,
    imagePullPolicy: container.imagePullPolicy,
    command: [...container.command],
    environment: container.environment.map(environmentVariableDefinition),
    requests: { ...container.requests },
    limits: { ...container.limits },
    ports: container.ports.map((port) => ({
      name: port.name,
      protocol: port.protocol,
      port: port.port,
      hostPort: port.hostPort ?? 0,
      hostPortRange: port.hostPortRange ? { ...port.hostPortRange } : null,
    })),
  };
}

function environmentVariableDefinition(variable: EnvironmentVariable): EnvironmentVariable {
  const { name, value, valueFrom } = variable;
  return {
    name,
    ...(value !== undefined ? { value } : {}),
    ...(valueFrom
      ? {
          valueFrom: {
            ...(valueFrom.fieldRef ? { fieldRef: { ...valueFrom.fieldRef } } : {}),
            ...(valueFrom.secretKeyRef ? { secretKeyRef: { ...valueFrom.secretKeyRef } } : {}),
          },
        }
      : {}),
  };
}

function forwarderDefinition(forwarder: Forwarder): ForwarderDefinition {
  return {
    name: forwarder.name,
    enable: forwarder.enable,
    type: forwarder.type,
    address: forwarder.address,
    options: { timeoutMs: forwarder.options.timeoutMs, metadata: { ...forwarder.options.metadata } },
  };
}

function autoscalingDefinition(autoscaling: Autoscaling): AutoscalingDefinition {
  const { roomOccupancy, fixedBuffer } = autoscaling.policy.parameters;
  return {
    enabled: autoscaling.enabled,
    min: autoscaling.min,
    max: autoscaling.max,
    cooldownSeconds: autoscaling.cooldownSeconds,
    policy: {
      type: autoscaling.policy.type,
      parameters: {
        roomOccupancy: roomOccupancy ? { ...roomOccupancy } : null,
        fixedBuffer: fixedBuffer ? { ...fixedBuffer } : null,
      },
    },
  };
}
