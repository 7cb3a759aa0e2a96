import { type EventData, schedulerCreatedV1 } from '@maestro/contracts';
import { type Scheduler, type SchedulerEvent, type SchedulerState } from '@maestro/domain';
import { type NewEvent } from '../ports/event-store.port';

/**
 * A scheduler as it travels and is stored: the `SchedulerCreated` v1 payload (API field names,
 * durations as numbers). Read models keep each version in this shape.
 */
export type SchedulerDocument = EventData<typeof schedulerCreatedV1>;

export function toSchedulerDocument(scheduler: Scheduler): SchedulerDocument {
  const { spec, autoscaling } = scheduler;
  return {
    name: scheduler.name,
    game: scheduler.game,
    portRange: scheduler.portRange ? { ...scheduler.portRange } : null,
    maxSurge: scheduler.maxSurge,
    roomsReplicas: scheduler.roomsReplicas,
    spec: {
      version: spec.version,
      terminationGracePeriod: spec.terminationGracePeriodSeconds,
      containers: spec.containers.map((container) => ({
        ...container,
        command: [...container.command],
        environment: container.environment.map((variable) => ({ ...variable })),
        ports: container.ports.map((port) => ({ ...port, hostPort: port.hostPort ?? 0 })),
      })),
      toleration: spec.toleration,
      affinity: spec.affinity,
    },
    autoscaling: autoscaling
      ? {
          enabled: autoscaling.enabled,
          min: autoscaling.min,
          max: autoscaling.max,
          cooldown: autoscaling.cooldownSeconds,
          policy: autoscaling.policy,
        }
      : null,
    forwarders: scheduler.forwarders.map((forwarder) => ({
      name: forwarder.name,
      enable: forwarder.enable,
      type: forwarder.type,
      address: forwarder.address,
      options: { timeout: forwarder.options.timeoutMs, metadata: { ...forwarder.options.metadata } },
    })),
    annotations: { ...scheduler.annotations },
    labels: { ...scheduler.labels },
    matchAllocation: { ...scheduler.matchAllocation },
    createdAt: scheduler.createdAt,
  };
}

/** The scheduler a stored document describes; its state is kept apart from the document. */
export function schedulerFromDocument(document: SchedulerDocument, state: SchedulerState): Scheduler {
  const { spec, autoscaling } = document;
  return {
    name: document.name,
    game: document.game,
    state,
    portRange: document.portRange,
    maxSurge: document.maxSurge,
    roomsReplicas: document.roomsReplicas,
    spec: {
      version: spec.version,
      terminationGracePeriodSeconds: spec.terminationGracePeriod,
      containers: spec.containers,
      toleration: spec.toleration,
      affinity: spec.affinity,
    },
    ...(autoscaling
      ? {
          autoscaling: {
            enabled: autoscaling.enabled,
            min: autoscaling.min,
            max: autoscaling.max,
            cooldownSeconds: autoscaling.cooldown,
            policy: autoscaling.policy,
          },
        }
      : {}),
    forwarders: document.forwarders.map((forwarder) => ({
      name: forwarder.name,
      enable: forwarder.enable,
      type: forwarder.type,
      address: forwarder.address,
      options: { timeoutMs: forwarder.options.timeout, metadata: forwarder.options.metadata },
    })),
    annotations: document.annotations,
    labels: document.labels,
    matchAllocation: document.matchAllocation,
    createdAt: document.createdAt,
  };
}

/** Reads a stored scheduler document, refusing anything that is not one. */
export function parseSchedulerDocument(json: unknown): SchedulerDocument {
  return schedulerCreatedV1.schema.parse(json);
}

/** The domain event a stored or consumed event stands for; undefined for other types and versions. */
export function toSchedulerEvent(
  type: string,
  schemaVersion: number,
  data: unknown,
): SchedulerEvent | undefined {
  if (type === schedulerCreatedV1.type && schemaVersion === schedulerCreatedV1.version) {
    return {
      type: 'SchedulerCreated',
      data: schedulerFromDocument(parseSchedulerDocument(data), 'creating'),
    };
  }
  return undefined;
}

/**
 * A domain event ready to append. The subject (scheduler name) and source ride in the metadata:
 * the outbox relay uses them as the Kafka key and `ce_source`.
 */
export function toNewSchedulerEvent(event: SchedulerEvent, eventId: string, source: string): NewEvent {
  // `SchedulerCreated` is the only scheduler event so far.
  return {
    eventId,
    type: schedulerCreatedV1.type,
    schemaVersion: schedulerCreatedV1.version,
    data: toSchedulerDocument(event.data),
    metadata: { subject: event.data.name, source },
  };
}
