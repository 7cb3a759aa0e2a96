import { z } from 'zod';
import { instantField, schedulerNameField } from '../common';

/** A semantic version with a `v` prefix, as Maestro numbers scheduler versions (`v1.0.0`). */
export const schedulerVersionField = z.string().regex(/^v\d+\.\d+\.\d+$/);

const portRange = z.object({
  /** First host port, inclusive. */
  start: z.number().int(),
  /** Last host port, inclusive. */
  end: z.number().int(),
});

const resources = z.object({ memory: z.string(), cpu: z.string() });

const environmentVariable = z.object({
  name: z.string().min(1),
  value: z.string().optional(),
  valueFrom: z
    .object({
      fieldRef: z.object({ fieldPath: z.string() }).optional(),
      secretKeyRef: z.object({ name: z.string(), key: z.string() }).optional(),
    })
    .optional(),
});

const containerPort = z.object({
  name: z.string().min(1),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
  /** Port inside the container. */
  port: z.number().int(),
  /** As the client sent it; rooms get theirs drawn from the port range. */
  hostPort: z.number().int(),
  /** Per-port host port range, the alternative to the scheduler-wide `portRange`. */
  hostPortRange: portRange.optional(),
});

const container = z.object({
  name: z.string().min(1),
  image: z.string().min(1),
  imagePullPolicy: z.enum(['Always', 'Never', 'IfNotPresent']),
  command: z.array(z.string()),
  environment: z.array(environmentVariable),
  requests: resources,
  limits: resources,
  ports: z.array(containerPort),
});

const autoscaling = z.object({
  enabled: z.boolean(),
  min: z.number().int(),
  /** -1 means no upper bound. */
  max: z.number().int(),
  /** Seconds between two downscales. */
  cooldown: z.number().int().min(0),
  policy: z.object({
    type: z.enum(['roomOccupancy', 'fixedBuffer']),
    parameters: z.object({
      roomOccupancy: z.object({ readyTarget: z.number(), downThreshold: z.number() }).optional(),
      fixedBuffer: z.object({ amount: z.number().int() }).optional(),
    }),
  }),
});

const forwarder = z.object({
  name: z.string().min(1),
  enable: z.boolean(),
  type: z.literal('gRPC'),
  address: z.string().min(1),
  options: z.object({
    /** Milliseconds per forwarded call. */
    timeout: z.number().int().positive(),
    metadata: z.record(z.string(), z.unknown()),
  }),
});

/**
 * A whole scheduler version as it travels: the validated scheduler with defaults applied, API field
 * names, durations as numbers (units in the schema). `SchedulerCreated` v1 is exactly this
 * document; later events embed it.
 */
export const schedulerDocumentSchema = z.object({
  name: schedulerNameField,
  game: z.string().min(1),
  /** Scheduler-wide host port range, or null when every port has its own `hostPortRange`. */
  portRange: portRange.nullable(),
  /** `"<n>"` rooms or `"<n>%"` of the desired count. */
  maxSurge: z.string().min(1),
  roomsReplicas: z.number().int().min(0),
  spec: z.object({
    version: schedulerVersionField,
    /** Seconds (fractions allowed) a room gets to stop before it is killed. */
    terminationGracePeriod: z.number().positive(),
    containers: z.array(container).min(1),
    /** Value of a `dedicated` NoSchedule toleration, or empty. */
    toleration: z.string(),
    /** Node label key that must be "true", or empty. */
    affinity: z.string(),
  }),
  /** Null when the scheduler has no autoscaling block: the desired count is `roomsReplicas`. */
  autoscaling: autoscaling.nullable(),
  forwarders: z.array(forwarder),
  annotations: z.record(z.string(), z.string()),
  labels: z.record(z.string(), z.string()),
  matchAllocation: z.object({ maxMatches: z.number().int().min(1) }),
  /** When this version was created. */
  createdAt: instantField,
});
