import { type SchedulerInfo, type SchedulerVersionSummary } from '@maestro/application';
import { type Container, type EnvironmentVariable, type Scheduler, schedulerDefaults } from '@maestro/domain';

/**
 * Maestro's response shapes (reference §2.1, §2.3), as its gateway writes them: lowerCamelCase,
 * every non-optional field present even when empty, unset optional blocks left out, int64 as
 * strings, durations as `"100s"`, timestamps in RFC 3339 UTC. Keys follow the proto field order.
 */

export function presentScheduler(scheduler: Scheduler) {
  const { spec, autoscaling } = scheduler;
  return {
    name: scheduler.name,
    game: scheduler.game,
    state: scheduler.state,
    portRange: scheduler.portRange
      ? { start: scheduler.portRange.start, end: scheduler.portRange.end }
      : null,
    createdAt: formatTimestamp(scheduler.createdAt),
    maxSurge: scheduler.maxSurge,
    roomsReplicas: scheduler.roomsReplicas,
    spec: {
      version: spec.version,
      terminationGracePeriod: formatDuration(spec.terminationGracePeriodSeconds),
      containers: spec.containers.map(presentContainer),
      toleration: spec.toleration,
      affinity: spec.affinity,
      restartPolicy: schedulerDefaults.restartPolicy,
    },
    ...(autoscaling
      ? {
          autoscaling: {
            enabled: autoscaling.enabled,
            min: autoscaling.min,
            max: autoscaling.max,
            policy: {
              type: autoscaling.policy.type,
              parameters: {
                ...(autoscaling.policy.parameters.roomOccupancy
                  ? {
                      roomOccupancy: {
                        readyTarget: autoscaling.policy.parameters.roomOccupancy.readyTarget,
                        downThreshold: autoscaling.policy.parameters.roomOccupancy.downThreshold,
                      },
                    }
                  : {}),
                ...(autoscaling.policy.parameters.fixedBuffer
                  ? { fixedBuffer: { amount: autoscaling.policy.parameters.fixedBuffer.amount } }
                  : {}),
              },
            },
            cooldown: autoscaling.cooldownSeconds,
          },
        }
      : {}),
    forwarders: scheduler.forwarders.map((forwarder) => ({
      name: forwarder.name,
      enable: forwarder.enable,
      type: forwarder.type,
      address: forwarder.address,
      options: { timeout: String(forwarder.options.timeoutMs), metadata: forwarder.options.metadata },
    })),
    annotations: scheduler.annotations,
    labels: scheduler.labels,
    matchAllocation: { maxMatches: scheduler.matchAllocation.maxMatches },
  };
}

/** A list item: the active version without spec, forwarders or autoscaling. */
export function presentSchedulerWithoutSpec(scheduler: Scheduler) {
  return {
    name: scheduler.name,
    game: scheduler.game,
    state: scheduler.state,
    version: scheduler.spec.version,
    portRange: scheduler.portRange
      ? { start: scheduler.portRange.start, end: scheduler.portRange.end }
      : null,
    createdAt: formatTimestamp(scheduler.createdAt),
    maxSurge: scheduler.maxSurge,
    roomsReplicas: scheduler.roomsReplicas,
    matchAllocation: { maxMatches: scheduler.matchAllocation.maxMatches },
  };
}

export function presentSchedulerVersion(version: SchedulerVersionSummary) {
  return {
    version: version.version,
    isActive: version.isActive,
    createdAt: formatTimestamp(version.createdAt),
  };
}

/** `autoscaling.cooldown` is always 0 here, as in Maestro (reference §2.3, endpoint 8). */
export function presentSchedulerInfo(info: SchedulerInfo) {
  return {
    name: info.name,
    game: info.game,
    state: info.state,
    roomsReplicas: info.roomsReplicas,
    roomsReady: info.roomsReady,
    roomsOccupied: info.roomsOccupied,
    roomsPending: info.roomsPending,
    roomsTerminating: info.roomsTerminating,
    autoscaling: info.autoscaling
      ? {
          enabled: info.autoscaling.enabled,
          min: info.autoscaling.min,
          max: info.autoscaling.max,
          cooldown: 0,
        }
      : null,
  };
}

function presentContainer(container: Container) {
  return {
    name: container.name,
    image: container.image,
    imagePullPolicy: container.imagePullPolicy,
    command: container.command,
    environment: container.environment.map(presentEnvironmentVariable),
    requests: { memory: container.requests.memory, cpu: container.requests.cpu },
    limits: { memory: container.limits.memory, cpu: container.limits.cpu },
    ports: container.ports.map((port) => ({
      name: port.name,
      protocol: port.protocol,
      port: port.port,
      hostPort: port.hostPort ?? 0,
      ...(port.hostPortRange
        ? { hostPortRange: { start: port.hostPortRange.start, end: port.hostPortRange.end } }
        : {}),
    })),
  };
}

function presentEnvironmentVariable(variable: EnvironmentVariable) {
  const { fieldRef, secretKeyRef } = variable.valueFrom ?? {};
  return {
    name: variable.name,
    ...(variable.value ? { value: variable.value } : {}),
    ...(variable.valueFrom
      ? {
          valueFrom: {
            ...(fieldRef ? { fieldRef: { fieldPath: fieldRef.fieldPath } } : {}),
            ...(secretKeyRef ? { secretKeyRef: { name: secretKeyRef.name, key: secretKeyRef.key } } : {}),
          },
        }
      : {}),
  };
}

/** protojson's Duration: whole seconds, or 3, 6 or 9 decimals, then `s` (`"100s"`, `"1.500s"`). */
export function formatDuration(seconds: number): string {
  const totalNanos = Math.round(Math.abs(seconds) * 1e9);
  const sign = seconds < 0 && totalNanos > 0 ? '-' : '';
  const whole = Math.floor(totalNanos / 1e9);
  const nanos = totalNanos - whole * 1e9;
  return `${sign}${whole}${fraction(nanos)}s`;
}

/** protojson's Timestamp: RFC 3339 in UTC, with 3, 6 or 9 decimals only when not whole seconds. */
export function formatTimestamp(iso: string): string {
  const instant = new Date(iso);
  const millis = instant.getUTCMilliseconds();
  return `${instant.toISOString().slice(0, 19)}${fraction(millis * 1e6)}Z`;
}

function fraction(nanos: number): string {
  if (nanos === 0) return '';
  const digits = String(nanos).padStart(9, '0');
  if (nanos % 1e6 === 0) return `.${digits.slice(0, 3)}`;
  if (nanos % 1e3 === 0) return `.${digits.slice(0, 6)}`;
  return `.${digits}`;
}
