import {
  type AutoscalingDefinition,
  type ContainerPortDefinition,
  type EnvironmentVariable,
  type ForwarderDefinition,
  type ResourceQuantities,
  type SchedulerDefinition,
} from '@maestro/domain';
import { type z } from 'zod';
import {
  decodeRequestBody,
  protoBool,
  protoDuration,
  protoFloat,
  protoInt32,
  protoInt64,
  protoMessage,
  protoRepeated,
  protoString,
  protoStringMap,
  protoStruct,
} from './protojson';

/**
 * Maestro's `CreateSchedulerRequest` (reference §2.3, §4), field by field. The blocks the PATCH
 * body shares with it are exported, with their conversions.
 */
export const portRange = protoMessage({ start: protoInt32(), end: protoInt32() });
export const resources = protoMessage({ memory: protoString(), cpu: protoString() });

export const environmentVariable = protoMessage({
  name: protoString(),
  value: protoString(),
  valueFrom: protoMessage({
    fieldRef: protoMessage({ fieldPath: protoString() }),
    secretKeyRef: protoMessage({ name: protoString(), key: protoString() }),
  }),
});

export const containerPort = protoMessage({
  name: protoString(),
  protocol: protoString(),
  port: protoInt32(),
  hostPort: protoInt32(),
  hostPortRange: portRange,
});

const container = protoMessage({
  name: protoString(),
  image: protoString(),
  imagePullPolicy: protoString(),
  command: protoRepeated(protoString()),
  environment: protoRepeated(environmentVariable),
  requests: resources,
  limits: resources,
  ports: protoRepeated(containerPort),
});

const spec = protoMessage({
  // Server-managed: a client's version is ignored.
  version: protoString(),
  terminationGracePeriod: protoDuration(),
  containers: protoRepeated(container),
  toleration: protoString(),
  affinity: protoString(),
  // Accepted and, as in Maestro, not kept: every room runs with restart policy Never.
  restartPolicy: protoString(),
});

export const autoscalingPolicy = protoMessage({
  type: protoString(),
  parameters: protoMessage({
    roomOccupancy: protoMessage({ readyTarget: protoFloat(), downThreshold: protoFloat() }),
    fixedBuffer: protoMessage({ amount: protoInt32() }),
  }),
});

const autoscaling = protoMessage({
  enabled: protoBool(),
  min: protoInt32(),
  max: protoInt32(),
  cooldown: protoInt32(),
  policy: autoscalingPolicy,
});

export const forwarder = protoMessage({
  name: protoString(),
  enable: protoBool(),
  type: protoString(),
  address: protoString(),
  options: protoMessage({ timeout: protoInt64(), metadata: protoStruct() }),
});

const createSchedulerRequest = protoMessage({
  name: protoString(),
  game: protoString(),
  spec,
  portRange,
  maxSurge: protoString(),
  roomsReplicas: protoInt32(),
  autoscaling,
  forwarders: protoRepeated(forwarder),
  annotations: protoStringMap(),
  labels: protoStringMap(),
  matchAllocation: protoMessage({ maxMatches: protoInt32() }),
});

export type Decoded<T extends z.ZodType> = z.infer<T>;

/** The scheduler definition a `POST /schedulers` body describes (not yet validated). */
export function parseCreateSchedulerRequest(body: unknown): SchedulerDefinition {
  const request = decodeRequestBody(createSchedulerRequest, body);
  return {
    name: request.name,
    game: request.game,
    maxSurge: request.maxSurge,
    roomsReplicas: request.roomsReplicas,
    portRange: request.portRange,
    spec: {
      terminationGracePeriodSeconds: request.spec?.terminationGracePeriod ?? 0,
      containers: (request.spec?.containers ?? []).map(toContainer),
      toleration: request.spec?.toleration ?? '',
      affinity: request.spec?.affinity ?? '',
    },
    autoscaling: request.autoscaling ? toAutoscaling(request.autoscaling) : null,
    forwarders: request.forwarders.map(toForwarder),
    annotations: request.annotations,
    labels: request.labels,
    matchAllocation: request.matchAllocation,
  };
}

function toContainer(item: Decoded<typeof container>): SchedulerDefinition['spec']['containers'][number] {
  return {
    name: item?.name ?? '',
    image: item?.image ?? '',
    imagePullPolicy: item?.imagePullPolicy ?? '',
    command: item?.command ?? [],
    environment: (item?.environment ?? []).map(toEnvironmentVariable),
    requests: toResources(item?.requests ?? null),
    limits: toResources(item?.limits ?? null),
    ports: (item?.ports ?? []).map(toContainerPort),
  };
}

export function toEnvironmentVariable(variable: Decoded<typeof environmentVariable>): EnvironmentVariable {
  return {
    name: variable?.name ?? '',
    value: variable?.value ?? '',
    ...(variable?.valueFrom
      ? {
          valueFrom: {
            ...(variable.valueFrom.fieldRef ? { fieldRef: variable.valueFrom.fieldRef } : {}),
            ...(variable.valueFrom.secretKeyRef ? { secretKeyRef: variable.valueFrom.secretKeyRef } : {}),
          },
        }
      : {}),
  };
}

/** An absent block reads as empty quantities, for validation to name. */
export function toResources(block: Decoded<typeof resources>): ResourceQuantities {
  return block ?? { memory: '', cpu: '' };
}

export function toContainerPort(port: Decoded<typeof containerPort>): ContainerPortDefinition {
  return {
    name: port?.name ?? '',
    protocol: port?.protocol ?? '',
    port: port?.port ?? 0,
    hostPort: port?.hostPort ?? 0,
    hostPortRange: port?.hostPortRange ?? null,
  };
}

export function toForwarder(item: Decoded<typeof forwarder>): ForwarderDefinition {
  return {
    name: item?.name ?? '',
    enable: item?.enable ?? false,
    type: item?.type ?? '',
    address: item?.address ?? '',
    options: item?.options ? { timeoutMs: item.options.timeout, metadata: item.options.metadata } : null,
  };
}

function toAutoscaling(item: NonNullable<Decoded<typeof autoscaling>>): AutoscalingDefinition {
  return {
    enabled: item.enabled,
    min: item.min,
    max: item.max,
    cooldownSeconds: item.cooldown,
    policy: toAutoscalingPolicy(item.policy),
  };
}

/** An absent policy reads as one of no type, for validation to name. */
export function toAutoscalingPolicy(
  policy: Decoded<typeof autoscalingPolicy>,
): AutoscalingDefinition['policy'] {
  return {
    type: policy?.type ?? '',
    parameters: {
      roomOccupancy: policy?.parameters?.roomOccupancy ?? null,
      fixedBuffer: policy?.parameters?.fixedBuffer ?? null,
    },
  };
}
