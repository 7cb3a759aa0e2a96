import { type Container, type PortRange } from '../scheduler/scheduler';

export interface HostPortAssignment {
  readonly containerName: string;
  readonly name: string;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
  readonly containerPort: number;
  readonly hostPort: number;
}

export class PortRangeExhaustedError extends Error {
  readonly code = 'PortRangeExhausted';
}

/**
 * Draws a host port for every container port from the scheduler's range (or the port's own
 * `hostPortRange`), never one already used by another room of the scheduler nor twice in this room
 * (Maestro draws at random without a collision check; we keep the randomness, not the collisions).
 */
export function assignHostPorts(
  containers: readonly Container[],
  schedulerRange: PortRange | null,
  portsInUse: ReadonlySet<number>,
  random: () => number,
): HostPortAssignment[] {
  const taken = new Set(portsInUse);
  const assignments: HostPortAssignment[] = [];
  for (const container of containers) {
    for (const port of container.ports) {
      const range = port.hostPortRange ?? schedulerRange;
      if (!range)
        throw new PortRangeExhaustedError(`no port range for port ${port.name} of ${container.name}`);
      const hostPort = drawFreePort(range, taken, random);
      taken.add(hostPort);
      assignments.push({
        containerName: container.name,
        name: port.name,
        protocol: port.protocol,
        containerPort: port.port,
        hostPort,
      });
    }
  }
  return assignments;
}

function drawFreePort(range: PortRange, taken: ReadonlySet<number>, random: () => number): number {
  const size = range.end - range.start + 1;
  // A few random draws find a free port quickly while the range is sparse…
  for (let attempt = 0; attempt < 16; attempt++) {
    const candidate = range.start + Math.floor(random() * size);
    if (!taken.has(candidate)) return candidate;
  }
  // …and a scan from a random offset settles a crowded one.
  const offset = Math.floor(random() * size);
  for (let step = 0; step < size; step++) {
    const candidate = range.start + ((offset + step) % size);
    if (!taken.has(candidate)) return candidate;
  }
  throw new PortRangeExhaustedError(`every port in ${range.start}-${range.end} is in use`);
}
