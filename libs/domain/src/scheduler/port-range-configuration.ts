import { type SchedulerDefinition } from './scheduler-definition';

/** Plain messages (no `Validation Error:` prefix), as Maestro returns them (reference §4). */
export const portRangeConfigurationMessages = {
  none: 'must configure scheduler.PortRange or scheduler.Spec.Container.Ports.HostPortRange',
  both: 'scheduler.PortRange and scheduler.Spec.Container.Ports.HostPortRange are mutually exclusive',
  incomplete: 'must configure HostPortRange for all scheduler.Spec.Container.Ports',
} as const;

/**
 * Host ports come either from the scheduler-wide `portRange` or from a `hostPortRange` on every
 * container port, never both and never neither. Returns what is wrong, or undefined. (Maestro's
 * own loop answers "for all ports" even when no port has a range; telling the client it needs one
 * of the two kinds of range is the reference's reading and the more useful one.)
 */
export function portRangeConfigurationProblem(definition: SchedulerDefinition): string | undefined {
  const ports = definition.spec.containers.flatMap((container) => container.ports);
  const withRange = ports.filter((port) => port.hostPortRange !== null).length;
  if (definition.portRange !== null) return withRange > 0 ? portRangeConfigurationMessages.both : undefined;
  if (withRange === 0) return portRangeConfigurationMessages.none;
  return withRange < ports.length ? portRangeConfigurationMessages.incomplete : undefined;
}
