import { type Container, type Scheduler } from './scheduler';

/**
 * Whether replacing the active scheduler with the candidate is a major change (reference §4,
 * Maestro's `Scheduler.IsMajorVersion`): a major change needs a validation room and replaces every
 * room, a minor one only switches the active version.
 *
 * The comparison lists what it ignores rather than what it looks at, as Maestro's does, so a field
 * added to `Scheduler` later counts as major until someone decides otherwise. Maestro's code (not
 * its docs) also counts forwarders, annotations and labels as major.
 */
export function isMajorChange(active: Scheduler, candidate: Scheduler): boolean {
  return !deepEqual(majorRelevantPart(active), majorRelevantPart(candidate));
}

function majorRelevantPart(scheduler: Scheduler): unknown {
  const {
    name: _name,
    game: _game,
    state: _state,
    createdAt: _createdAt,
    maxSurge: _maxSurge,
    roomsReplicas: _roomsReplicas,
    autoscaling: _autoscaling,
    matchAllocation: _matchAllocation,
    spec,
    ...rest
  } = scheduler;
  const { version: _version, containers, ...specRest } = spec;
  return { ...rest, spec: { ...specRest, containers: containers.map(withoutHostPorts) } };
}

/** The host port a client gave is overwritten by allocation, so it never makes a change major. */
function withoutHostPorts(container: Container): unknown {
  return { ...container, ports: container.ports.map(({ hostPort: _hostPort, ...port }) => port) };
}

/**
 * Structural equality of JSON-like values: arrays in order, objects whatever their key order, and
 * a property holding `undefined` the same as an absent one (as in the JSON the scheduler travels
 * as).
 */
function deepEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left) || Array.isArray(right)) {
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => deepEqual(item, right[index]))
    );
  }
  if (!isObject(left) || !isObject(right)) return false;
  const keys = new Set([...definedKeys(left), ...definedKeys(right)]);
  return [...keys].every((key) => deepEqual(left[key], right[key]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function definedKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((key) => value[key] !== undefined);
}
