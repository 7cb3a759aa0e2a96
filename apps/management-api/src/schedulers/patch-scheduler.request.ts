import { type ContainerPatch, type SchedulerPatch } from '@maestro/domain';
import { z } from 'zod';
import {
  autoscalingPolicy,
  containerPort,
  type Decoded,
  environmentVariable,
  forwarder,
  portRange,
  resources,
  toAutoscalingPolicy,
  toContainerPort,
  toEnvironmentVariable,
  toForwarder,
  toResources,
} from './create-scheduler.request';
import {
  decodeRequestBody,
  protoBool,
  protoDuration,
  protoInt32,
  protoMessage,
  protoRepeated,
  protoString,
  protoStringMap,
} from './protojson';

/**
 * A field with presence (proto3 `optional`): absent or `null` stays undefined instead of becoming
 * its zero value, so that a patch can tell "leave it" from "set it to zero". A list or map given
 * empty is present: it clears the field (Maestro cannot tell `[]` from absent there).
 */
const present = <T extends z.ZodType>(field: T) =>
  z
    .unknown()
    .transform((value): unknown => value ?? undefined)
    .pipe(field.optional());

/** Maestro's `PatchSchedulerRequest` (reference §2.3 #5): messages are `null` when absent. */
const containerPatch = protoMessage({
  name: present(protoString()),
  image: present(protoString()),
  imagePullPolicy: present(protoString()),
  command: present(protoRepeated(protoString())),
  environment: present(protoRepeated(environmentVariable)),
  requests: resources,
  limits: resources,
  ports: present(protoRepeated(containerPort)),
});

const patchSchedulerRequest = protoMessage({
  // The path names the scheduler; the body's name is read only so a wrong type is refused.
  name: protoString(),
  spec: protoMessage({
    terminationGracePeriod: present(protoDuration()),
    containers: present(protoRepeated(containerPatch)),
    toleration: present(protoString()),
    affinity: present(protoString()),
  }),
  portRange,
  maxSurge: present(protoString()),
  roomsReplicas: present(protoInt32()),
  autoscaling: protoMessage({
    enabled: present(protoBool()),
    min: present(protoInt32()),
    max: present(protoInt32()),
    cooldown: present(protoInt32()),
    policy: autoscalingPolicy,
  }),
  forwarders: present(protoRepeated(forwarder)),
  annotations: present(protoStringMap()),
  labels: present(protoStringMap()),
  matchAllocation: protoMessage({ maxMatches: protoInt32() }),
});

/**
 * The patch a `PATCH /schedulers/{name}` body describes: only what the body carries, each block
 * read like the create body reads it.
 */
export function parsePatchSchedulerRequest(body: unknown): SchedulerPatch {
  const request = decodeRequestBody(patchSchedulerRequest, body);
  const { spec, autoscaling } = request;
  return withoutAbsent({
    spec: spec
      ? withoutAbsent({
          terminationGracePeriodSeconds: spec.terminationGracePeriod,
          containers: spec.containers?.map(toContainerPatch),
          toleration: spec.toleration,
          affinity: spec.affinity,
        })
      : undefined,
    portRange: request.portRange ?? undefined,
    maxSurge: request.maxSurge,
    roomsReplicas: request.roomsReplicas,
    autoscaling: autoscaling
      ? withoutAbsent({
          enabled: autoscaling.enabled,
          min: autoscaling.min,
          max: autoscaling.max,
          cooldownSeconds: autoscaling.cooldown,
          policy: autoscaling.policy ? toAutoscalingPolicy(autoscaling.policy) : undefined,
        })
      : undefined,
    forwarders: request.forwarders?.map(toForwarder),
    annotations: request.annotations,
    labels: request.labels,
    matchAllocation: request.matchAllocation ?? undefined,
  });
}

function toContainerPatch(item: Decoded<typeof containerPatch>): ContainerPatch {
  return withoutAbsent({
    name: item?.name,
    image: item?.image,
    imagePullPolicy: item?.imagePullPolicy,
    command: item?.command,
    environment: item?.environment?.map(toEnvironmentVariable),
    requests: item?.requests ? toResources(item.requests) : undefined,
    limits: item?.limits ? toResources(item.limits) : undefined,
    ports: item?.ports?.map(toContainerPort),
  });
}

/** Drops the fields the body did not carry, so an absent field is absent, not `undefined`. */
function withoutAbsent<T extends object>(patch: T): T {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as T;
}
