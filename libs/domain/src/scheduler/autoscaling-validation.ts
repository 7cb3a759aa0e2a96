import { type AutoscalingDefinition } from './scheduler-definition';
import { type ValidationIssues, validationMessages as says } from './validation-issues';

export const autoscalingPolicyTypes = ['roomOccupancy', 'fixedBuffer'] as const;

/**
 * Maestro builds and validates the autoscaling block on its own before the rest of the scheduler,
 * so its namespaces start at `Autoscaling.` and an invalid block is reported alone (reference §4).
 */
export function validateAutoscaling(autoscaling: AutoscalingDefinition, issues: ValidationIssues): void {
  const { min, max, cooldownSeconds, policy } = autoscaling;
  if (min < 1) issues.add('Autoscaling.Min', says.atLeast('Min', 1));
  else if (!isMinMaxValid(min, max)) issues.add('Autoscaling.Min', says.lowerThan('Min', 'Max'));
  if (max < -1) issues.add('Autoscaling.Max', says.atLeast('Max', -1));
  if (cooldownSeconds < 0) issues.add('Autoscaling.Cooldown', says.atLeast('Cooldown', 0));

  const typeIsKnown = (autoscalingPolicyTypes as readonly string[]).includes(policy.type);
  if (!typeIsKnown) issues.add('Autoscaling.Policy.Type', says.oneOf('Type', autoscalingPolicyTypes));

  const { roomOccupancy, fixedBuffer } = policy.parameters;
  if (roomOccupancy) {
    const namespace = 'Autoscaling.Policy.Parameters.RoomOccupancy';
    checkOpenUnitInterval(roomOccupancy.readyTarget, `${namespace}.ReadyTarget`, 'ReadyTarget', issues);
    // 0 stands for "not given": the default threshold applies.
    if (roomOccupancy.downThreshold !== 0) {
      checkOpenUnitInterval(
        roomOccupancy.downThreshold,
        `${namespace}.DownThreshold`,
        'DownThreshold',
        issues,
      );
    }
  }
  if (fixedBuffer && !(fixedBuffer.amount > 0)) {
    issues.add('Autoscaling.Policy.Parameters.FixedBuffer.Amount', says.greaterThan('Amount', 0));
  }

  // The parameters the chosen policy needs, checked after the fields as Go's struct-level rules are.
  if (policy.type === 'roomOccupancy' && !roomOccupancy) {
    issues.add(
      'Autoscaling.Policy.RoomOccupancy',
      'RoomOccupancy must not be nil for RoomOccupancy policy type',
    );
  }
  if (policy.type === 'fixedBuffer' && !fixedBuffer) {
    issues.add('Autoscaling.Policy.FixedBuffer', 'FixedBuffer must not be nil for FixedBuffer policy type');
  }
}

/** `min` at least 1 and at most `max`, unless `max` is -1 (no upper bound). */
function isMinMaxValid(min: number, max: number): boolean {
  if (max >= 0 && min > max) return false;
  return min > 0 && max >= -1;
}

function checkOpenUnitInterval(
  value: number,
  namespace: string,
  field: string,
  issues: ValidationIssues,
): void {
  if (!(value > 0)) issues.add(namespace, says.greaterThan(field, 0));
  else if (!(value < 1)) issues.add(namespace, says.lessThan(field, 1));
}
