import {
  activeVersionSwitchedV1,
  type EventData,
  schedulerCreatedV1,
  schedulerDeletedV1,
  schedulerStateChangedV1,
  schedulerVersionCreatedV1,
} from '@maestro/contracts';
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
  if (schemaVersion !== 1) return undefined;
  switch (type) {
    case schedulerCreatedV1.type:
      return {
        type: 'SchedulerCreated',
        data: schedulerFromDocument(parseSchedulerDocument(data), 'creating'),
      };
    case schedulerVersionCreatedV1.type: {
      const created = schedulerVersionCreatedV1.schema.parse(data);
      return {
        type: 'SchedulerVersionCreated',
        data: {
          scheduler: schedulerFromDocument(created.scheduler, 'creating'),
          isMajor: created.isMajor,
          previousVersion: created.previousVersion,
          createdAt: created.createdAt,
        },
      };
    }
    case activeVersionSwitchedV1.type:
      return { type: 'ActiveVersionSwitched', data: activeVersionSwitchedV1.schema.parse(data) };
    case schedulerStateChangedV1.type:
      return { type: 'SchedulerStateChanged', data: schedulerStateChangedV1.schema.parse(data) };
    case schedulerDeletedV1.type:
      return { type: 'SchedulerDeleted', data: schedulerDeletedV1.schema.parse(data) };
    default:
      return undefined;
  }
}

/** The scheduler a domain event names. */
export function schedulerNameOf(event: SchedulerEvent): string {
  switch (event.type) {
    case 'SchedulerCreated':
      return event.data.name;
    case 'SchedulerVersionCreated':
      return event.data.scheduler.name;
    default:
      return event.data.schedulerName;
  }
}

/**
 * A domain event ready to append. The subject (scheduler name) and source ride in the metadata:
 * the outbox relay uses them as the Kafka key and `ce_source`.
 */
export function toNewSchedulerEvent(event: SchedulerEvent, eventId: string, source: string): NewEvent {
  const metadata = { subject: schedulerNameOf(event), source };
  const base = { eventId, schemaVersion: 1, metadata };
  switch (event.type) {
    case 'SchedulerCreated':
      return { ...base, type: schedulerCreatedV1.type, data: toSchedulerDocument(event.data) };
    case 'SchedulerVersionCreated': {
      const data: EventData<typeof schedulerVersionCreatedV1> = {
        schedulerName: event.data.scheduler.name,
        version: event.data.scheduler.spec.version,
        isMajor: event.data.isMajor,
        previousVersion: event.data.previousVersion,
        scheduler: toSchedulerDocument(event.data.scheduler),
        createdAt: event.data.createdAt,
      };
      return { ...base, type: schedulerVersionCreatedV1.type, data };
    }
    case 'ActiveVersionSwitched':
      return { ...base, type: activeVersionSwitchedV1.type, data: { ...event.data } };
    case 'SchedulerStateChanged':
      return { ...base, type: schedulerStateChangedV1.type, data: { ...event.data } };
    case 'SchedulerDeleted':
      return { ...base, type: schedulerDeletedV1.type, data: { ...event.data } };
  }
}
