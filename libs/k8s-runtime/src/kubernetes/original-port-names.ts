import { type V1Pod } from '@kubernetes/client-node';
import { type AllocatedPort } from '@maestro/application';
import { uniqueKubernetesPortNames } from './kubernetes-port-name';

/**
 * Keeps the scheduler's own port names on the pod when Kubernetes could not take them as they are
 * (`clientPort` runs as `clientport`): JSON of container name → its ports' spec names, in the
 * order of the container's ports. The pod is the only record a restarted worker reads ports back
 * from, so the names users see (`RoomAddressAssigned`, the allocate API, the forwarders' choice
 * of `clientPort`) must travel with it.
 */
export const ORIGINAL_PORT_NAMES_ANNOTATION = 'maestro-port-names';

export interface PodPortNames {
  /** The Kubernetes name of each of the spec's ports (same order); undefined leaves it unnamed. */
  readonly kubernetesNames: ReadonlyMap<AllocatedPort, string | undefined>;
  /** The annotation to add, or nothing when Kubernetes took every name as it is. */
  readonly annotations: Record<string, string>;
}

export function podPortNames(ports: readonly AllocatedPort[]): PodPortNames {
  const names = uniqueKubernetesPortNames(ports.map((port) => port.name));
  const kubernetesNames = new Map(ports.map((port, index) => [port, names[index]] as const));
  if (ports.every((port) => kubernetesNames.get(port) === port.name)) {
    return { kubernetesNames, annotations: {} };
  }
  const byContainer: Record<string, string[]> = {};
  for (const port of ports) (byContainer[port.containerName] ??= []).push(port.name);
  return { kubernetesNames, annotations: { [ORIGINAL_PORT_NAMES_ANNOTATION]: JSON.stringify(byContainer) } };
}

/**
 * Reads a pod's port names back: the spec name of a container's `index`-th port, from the
 * annotation; undefined when the pod has none for it (its Kubernetes name is the spec's then).
 */
export function originalPortNamesOf(
  pod: V1Pod,
): (containerName: string, index: number) => string | undefined {
  const byContainer = parse(pod.metadata?.annotations?.[ORIGINAL_PORT_NAMES_ANNOTATION]);
  return (containerName, index) => {
    const name = byContainer?.get(containerName)?.[index];
    return typeof name === 'string' ? name : undefined;
  };
}

function parse(annotation: string | undefined): ReadonlyMap<string, readonly unknown[]> | undefined {
  if (annotation === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(annotation);
    if (typeof value !== 'object' || value === null) return undefined;
    return new Map(
      Object.entries(value).flatMap(([container, names]: [string, unknown]) =>
        Array.isArray(names) ? [[container, names as unknown[]] as const] : [],
      ),
    );
  } catch {
    // Someone edited it by hand: the Kubernetes names are the best left.
    return undefined;
  }
}
