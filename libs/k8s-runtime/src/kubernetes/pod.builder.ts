import {
  type V1Affinity,
  type V1Container,
  type V1ContainerPort,
  type V1EnvVar,
  type V1Pod,
  type V1Toleration,
} from '@kubernetes/client-node';
import { type AllocatedPort, type RoomInstanceSpec } from '@maestro/application';
import { type Container, type EnvironmentVariable, type ResourceQuantities } from '@maestro/domain';
import { MAESTRO, MaestroLabel, SAFE_TO_EVICT_ANNOTATION } from '../maestro-labels';
import { podPortNames } from './original-port-names';

const PROTOCOLS = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' } as const satisfies Record<
  AllocatedPort['protocol'],
  string
>;

/**
 * The pod of one game room (reference §1, "Pod construction"): named after the room, in the
 * scheduler's namespace, labelled so a restarted worker can find and adopt it.
 */
export function buildPod(spec: RoomInstanceSpec): V1Pod {
  const gracePeriod = Math.floor(spec.terminationGracePeriodSeconds);
  const portNames = podPortNames(spec.ports);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: spec.roomId,
      namespace: spec.schedulerName,
      // Ours are spread last: a scheduler label must not hide a room from our selectors.
      labels: { ...spec.labels, ...roomLabels(spec) },
      // The scheduler's come after safe-to-evict: an operator may turn it off on purpose. The port
      // names come last: a scheduler annotation must not change the names a room reports.
      annotations: { [SAFE_TO_EVICT_ANNOTATION]: 'true', ...spec.annotations, ...portNames.annotations },
    },
    spec: {
      containers: spec.containers.map((container) =>
        buildContainer(container, spec, (port) => portNames.kubernetesNames.get(port)),
      ),
      restartPolicy: 'Never',
      // Maestro leaves 0 to Kubernetes' default (30 s) rather than killing the room at once.
      ...(gracePeriod > 0 ? { terminationGracePeriodSeconds: gracePeriod } : {}),
      ...(spec.toleration ? { tolerations: [dedicatedToleration(spec.toleration)] } : {}),
      ...(spec.affinity ? { affinity: requiredNodeAffinity(spec.affinity) } : {}),
    },
  };
}

export function roomLabels(spec: RoomInstanceSpec): Record<string, string> {
  return {
    [MaestroLabel.managedBy]: MAESTRO,
    [MaestroLabel.heritage]: MAESTRO,
    [MaestroLabel.scheduler]: spec.schedulerName,
    [MaestroLabel.room]: spec.roomId,
    [MaestroLabel.version]: spec.version,
    [MaestroLabel.validationRoom]: String(spec.isValidationRoom),
  };
}

function buildContainer(
  container: Container,
  spec: RoomInstanceSpec,
  kubernetesName: (port: AllocatedPort) => string | undefined,
): V1Container {
  const requests = resourceList(container.requests);
  const limits = resourceList(container.limits);
  return {
    name: container.name,
    image: container.image,
    imagePullPolicy: container.imagePullPolicy,
    // An empty command means "the image's entrypoint"; Kubernetes wants the field absent for that.
    ...(container.command.length > 0 ? { command: [...container.command] } : {}),
    env: [
      ...container.environment.map(envVar),
      { name: 'MAESTRO_SCHEDULER_NAME', value: spec.schedulerName },
      { name: 'MAESTRO_ROOM_ID', value: spec.roomId },
    ],
    resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) },
    ports: spec.ports
      .filter((port) => port.containerName === container.name)
      .map((port) => containerPort(port, kubernetesName(port))),
  };
}

/** Like Maestro: a literal value wins, then a secret, then a field of the pod. */
function envVar(variable: EnvironmentVariable): V1EnvVar {
  const secret = variable.valueFrom?.secretKeyRef;
  const field = variable.valueFrom?.fieldRef;
  if (!variable.value && secret) {
    return { name: variable.name, valueFrom: { secretKeyRef: { name: secret.name, key: secret.key } } };
  }
  if (!variable.value && field) {
    return { name: variable.name, valueFrom: { fieldRef: { fieldPath: field.fieldPath } } };
  }
  return { name: variable.name, value: variable.value ?? '' };
}

/** Empty quantities are left out: Kubernetes rejects "" but accepts an absent resource. */
function resourceList(quantities: ResourceQuantities): Record<string, string> | undefined {
  const list: Record<string, string> = {};
  if (quantities.cpu) list.cpu = quantities.cpu;
  if (quantities.memory) list.memory = quantities.memory;
  return Object.keys(list).length > 0 ? list : undefined;
}

/** `name` is what Kubernetes accepts for the spec's name (see `podPortNames`), if anything. */
function containerPort(port: AllocatedPort, name: string | undefined): V1ContainerPort {
  return {
    ...(name === undefined ? {} : { name }),
    containerPort: port.containerPort,
    hostPort: port.hostPort,
    protocol: PROTOCOLS[port.protocol],
  };
}

function dedicatedToleration(value: string): V1Toleration {
  return { key: 'dedicated', operator: 'Equal', value, effect: 'NoSchedule' };
}

function requiredNodeAffinity(labelKey: string): V1Affinity {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: labelKey, operator: 'In', values: ['true'] }] }],
      },
    },
  };
}
