import { type V1Pod } from '@kubernetes/client-node';
import { type AllocatedPort, type InstanceStatus, type RoomInstance } from '@maestro/application';
import { MaestroLabel } from '../maestro-labels';
import { originalPortNamesOf } from './original-port-names';

/** Waiting reasons after which a container will not start by itself (Maestro's list, reference §5). */
const FAILED_WAITING_REASONS = new Set([
  'ErrImageNeverPull',
  'ErrImagePullBackOff',
  'ImagePullBackOff',
  'ErrInvalidImageName',
  'ErrImagePull',
  'CrashLoopBackOff',
  'RunContainerError',
  'ContainerStatusUnknown',
]);

export interface PodInstanceStatus {
  readonly status: InstanceStatus;
  readonly description: string;
}

/**
 * Maestro's `convertPodStatus` (reference §5), in its order: the first rule that matches wins.
 * Works on both deserialized pods (list) and raw JSON pods (watch): it only tests presence and
 * strings, never dates.
 */
export function instanceStatusOf(pod: V1Pod): PodInstanceStatus {
  if (pod.metadata?.deletionTimestamp) return { status: 'terminating', description: '' };
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return { status: 'terminating', description: '' };
  if (phase === 'Failed' || phase === 'Unknown') {
    return { status: 'error', description: describe(pod.status?.reason ?? phase, pod.status?.message) };
  }
  for (const container of pod.status?.containerStatuses ?? []) {
    const waiting = container.state?.waiting;
    if (waiting?.reason && FAILED_WAITING_REASONS.has(waiting.reason)) {
      return { status: 'error', description: describe(waiting.reason, waiting.message) };
    }
    const terminated = container.state?.terminated;
    if (terminated) {
      if (terminated.exitCode === 0 || terminated.reason === 'Completed') {
        return { status: 'terminating', description: '' };
      }
      return {
        status: 'error',
        description: describe(terminated.reason, terminated.message ?? `exit code ${terminated.exitCode}`),
      };
    }
  }
  const conditions = pod.status?.conditions ?? [];
  const unmet = conditions.find((condition) => condition.status === 'False');
  if (unmet) return { status: 'pending', description: describe(unmet.reason, unmet.message) };
  if (conditions.some((condition) => condition.type === 'Ready' && condition.status === 'True')) {
    return { status: 'ready', description: '' };
  }
  if (phase === 'Pending') return { status: 'pending', description: '' };
  if (phase === 'Running') return { status: 'ready', description: '' };
  return { status: 'unknown', description: '' };
}

/** Which room a pod is: from our labels, falling back to namespace and name (they are equal). */
export function roomIdentityOf(pod: V1Pod): { schedulerName: string; roomId: string } {
  const labels = pod.metadata?.labels ?? {};
  return {
    schedulerName: labels[MaestroLabel.scheduler] ?? pod.metadata?.namespace ?? '',
    roomId: labels[MaestroLabel.room] ?? pod.metadata?.name ?? '',
  };
}

export function roomInstanceOf(pod: V1Pod): RoomInstance {
  const { status, description } = instanceStatusOf(pod);
  const hostIP = pod.status?.hostIP;
  return {
    ...roomIdentityOf(pod),
    version: pod.metadata?.labels?.[MaestroLabel.version] ?? '',
    status,
    statusDescription: description,
    // The room is reachable on its node's address once scheduled (reference §1: node address + HostPort).
    ...(hostIP ? { address: { host: hostIP, ports: hostPortsOf(pod) } } : {}),
  };
}

/**
 * The ports allocated to the room, read back from the pod so an adopted room reports them too,
 * under the scheduler's port names (which Kubernetes may have had to change, see `podPortNames`).
 */
export function hostPortsOf(pod: V1Pod): AllocatedPort[] {
  const originalName = originalPortNamesOf(pod);
  return (pod.spec?.containers ?? []).flatMap((container) =>
    (container.ports ?? []).flatMap((port, index) =>
      (port.hostPort ?? 0) > 0
        ? [
            {
              containerName: container.name,
              name: originalName(container.name, index) ?? port.name ?? '',
              protocol: protocolOf(port.protocol),
              containerPort: port.containerPort,
              hostPort: port.hostPort ?? 0,
            },
          ]
        : [],
    ),
  );
}

function protocolOf(protocol: string | undefined): AllocatedPort['protocol'] {
  switch (protocol) {
    case 'UDP':
      return 'udp';
    case 'SCTP':
      return 'sctp';
    default:
      // Kubernetes defaults an absent protocol to TCP.
      return 'tcp';
  }
}

function describe(reason: string | undefined, message: string | undefined): string {
  return [reason, message].filter((part) => part !== undefined && part !== '').join(': ');
}
