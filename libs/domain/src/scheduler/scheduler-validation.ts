import { validateAutoscaling } from './autoscaling-validation';
import { portRangeConfigurationProblem } from './port-range-configuration';
import { type PortRange } from './scheduler';
import {
  type ContainerDefinition,
  type ContainerPortDefinition,
  type ForwarderDefinition,
  type SchedulerDefinition,
} from './scheduler-definition';
import { ValidationIssues, validationMessages as says } from './validation-issues';

export const imagePullPolicies = ['Always', 'Never', 'IfNotPresent'] as const;
export const portProtocols = ['tcp', 'udp', 'sctp'] as const;
export const forwarderTypes = ['gRPC'] as const;

/** What Maestro allows for `matchAllocation.maxMatches`. */
const maxMatchesLimit = 35;
/** Maestro's Go validator takes a port name of at most 15 characters (a Kubernetes port name). */
const portNameMaxLength = 15;

export type SchedulerValidation =
  { readonly valid: true } | { readonly valid: false; readonly message: string };

/**
 * Judges a scheduler definition as Maestro does, in Maestro's order: the autoscaling block alone
 * first, then every field of the scheduler (all failures at once, one line each), and only for an
 * otherwise valid scheduler the port-range configuration, whose message is plain.
 */
export function validateSchedulerDefinition(definition: SchedulerDefinition): SchedulerValidation {
  if (definition.autoscaling) {
    const issues = new ValidationIssues();
    validateAutoscaling(definition.autoscaling, issues);
    if (!issues.isEmpty) return { valid: false, message: issues.toMessage() };
  }
  const issues = new ValidationIssues();
  validateFields(definition, issues);
  if (!issues.isEmpty) return { valid: false, message: issues.toMessage() };
  const portRangeProblem = portRangeConfigurationProblem(definition);
  if (portRangeProblem) return { valid: false, message: portRangeProblem };
  return { valid: true };
}

/** RFC 1123 label: 1–63 of `[a-z0-9-]`, starting with a letter or digit, not ending with `-`. */
export function isKubernetesName(name: string): boolean {
  return name.length <= 63 && /^[a-z0-9][a-z0-9-]*$/.test(name) && !name.endsWith('-');
}

/** `"<n>"` with n ≥ 1, or `"<n>%"` with any integer n (Maestro accepts `"0%"`, reference §4). */
export function isMaxSurgeValid(maxSurge: string): boolean {
  const relative = maxSurge.endsWith('%');
  const digits = relative ? maxSurge.slice(0, -1) : maxSurge;
  // Go's strconv.Atoi: an optional sign, decimal digits, 64-bit range.
  if (!/^[+-]?\d+$/.test(digits)) return false;
  const value = BigInt(digits);
  if (value > 9_223_372_036_854_775_807n || value < -9_223_372_036_854_775_808n) return false;
  return relative || value >= 1n;
}

// The Go struct's field order decides the order of the lines: Name, Game, Spec, PortRange,
// RoomsReplicas, MaxSurge, Forwarders, MatchAllocation.
function validateFields(definition: SchedulerDefinition, issues: ValidationIssues): void {
  if (!definition.name) issues.add('Scheduler.Name', says.required('Name'));
  else if (!isKubernetesName(definition.name)) issues.add('Scheduler.Name', says.rfc1123('Name'));
  if (!definition.game) issues.add('Scheduler.Game', says.required('Game'));

  const { spec } = definition;
  if (!(spec.terminationGracePeriodSeconds > 0)) {
    issues.add('Scheduler.Spec.TerminationGracePeriod', says.greaterThan('TerminationGracePeriod', 0));
  }
  if (spec.containers.length === 0) issues.add('Scheduler.Spec.Containers', says.required('Containers'));
  spec.containers.forEach((container, index) => {
    validateContainer(container, `Scheduler.Spec.Containers[${index}]`, issues);
  });

  if (definition.portRange) validatePortRange(definition.portRange, 'Scheduler.PortRange', issues);
  if (definition.roomsReplicas < 0) issues.add('Scheduler.RoomsReplicas', says.atLeast('RoomsReplicas', 0));
  if (!definition.maxSurge) issues.add('Scheduler.MaxSurge', says.required('MaxSurge'));
  else if (!isMaxSurgeValid(definition.maxSurge)) issues.add('Scheduler.MaxSurge', says.maxSurge('MaxSurge'));
  definition.forwarders.forEach((forwarder, index) => {
    validateForwarder(forwarder, `Scheduler.Forwarders[${index}]`, issues);
  });

  const maxMatches = definition.matchAllocation?.maxMatches;
  if (maxMatches !== undefined && maxMatches < 1) {
    issues.add('Scheduler.MatchAllocation.MaxMatches', says.atLeast('MaxMatches', 1));
  } else if (maxMatches !== undefined && maxMatches > maxMatchesLimit) {
    issues.add('Scheduler.MatchAllocation.MaxMatches', says.atMost('MaxMatches', maxMatchesLimit));
  }
}

function validateContainer(
  container: ContainerDefinition,
  namespace: string,
  issues: ValidationIssues,
): void {
  if (!container.name) issues.add(`${namespace}.Name`, says.required('Name'));
  else if (!isKubernetesName(container.name)) issues.add(`${namespace}.Name`, says.rfc1123('Name'));
  if (!container.image) issues.add(`${namespace}.Image`, says.required('Image'));
  if (!container.imagePullPolicy) {
    issues.add(`${namespace}.ImagePullPolicy`, says.required('ImagePullPolicy'));
  } else if (!(imagePullPolicies as readonly string[]).includes(container.imagePullPolicy)) {
    issues.add(`${namespace}.ImagePullPolicy`, says.imagePullPolicy('ImagePullPolicy'));
  }
  container.environment.forEach((variable, index) => {
    if (!variable.name) issues.add(`${namespace}.Environment[${index}].Name`, says.required('Name'));
  });
  for (const [block, quantities] of [
    ['Requests', container.requests],
    ['Limits', container.limits],
  ] as const) {
    if (!quantities.memory) issues.add(`${namespace}.${block}.Memory`, says.required('Memory'));
    if (!quantities.cpu) issues.add(`${namespace}.${block}.CPU`, says.required('CPU'));
  }
  container.ports.forEach((port, index) => {
    validatePort(port, `${namespace}.Ports[${index}]`, issues);
  });
}

function validatePort(port: ContainerPortDefinition, namespace: string, issues: ValidationIssues): void {
  // Go counts the name's characters (runes), not its UTF-16 units.
  if (!port.name) issues.add(`${namespace}.Name`, says.required('Name'));
  else if (Array.from(port.name).length > portNameMaxLength) {
    issues.add(`${namespace}.Name`, says.maxLength('Name', portNameMaxLength));
  }
  if (!port.protocol) issues.add(`${namespace}.Protocol`, says.required('Protocol'));
  else if (!(portProtocols as readonly string[]).includes(port.protocol)) {
    issues.add(`${namespace}.Protocol`, says.portProtocol('Protocol'));
  }
  // Maestro only requires a non-zero port; a port outside 1–65535 would only fail later, when
  // Kubernetes refuses the pod, so it is refused here.
  if (port.port === 0) issues.add(`${namespace}.Port`, says.required('Port'));
  else if (port.port < 1) issues.add(`${namespace}.Port`, says.atLeast('Port', 1));
  else if (port.port > 65_535) issues.add(`${namespace}.Port`, says.atMost('Port', 65_535));
  if (port.hostPortRange) validatePortRange(port.hostPortRange, `${namespace}.HostPortRange`, issues);
}

function validatePortRange(range: PortRange, namespace: string, issues: ValidationIssues): void {
  if (!(range.start < range.end)) {
    issues.add(`${namespace}.Start`, says.lessThan('Start', 'End'));
    issues.add(`${namespace}.End`, says.greaterThan('End', 'Start'));
  }
}

function validateForwarder(
  forwarder: ForwarderDefinition,
  namespace: string,
  issues: ValidationIssues,
): void {
  if (!forwarder.name) issues.add(`${namespace}.Name`, says.required('Name'));
  if (!forwarder.type) issues.add(`${namespace}.ForwardType`, says.required('ForwardType'));
  else if (!(forwarderTypes as readonly string[]).includes(forwarder.type)) {
    issues.add(`${namespace}.ForwardType`, says.forwarderType('ForwardType'));
  }
  if (!forwarder.address) issues.add(`${namespace}.Address`, says.required('Address'));
  if (forwarder.options) {
    // Maestro only requires a non-zero timeout; a negative one would expire every call at once.
    if (forwarder.options.timeoutMs === 0)
      issues.add(`${namespace}.Options.Timeout`, says.required('Timeout'));
    else if (forwarder.options.timeoutMs < 0)
      issues.add(`${namespace}.Options.Timeout`, says.atLeast('Timeout', 1));
  }
}
