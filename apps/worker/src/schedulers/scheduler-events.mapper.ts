import { schedulerCreatedV1 } from '@maestro/contracts';
import { type Scheduler } from '@maestro/domain';

/**
 * The scheduler an event of the `scheduler:*` streams describes, in domain terms; undefined for
 * events that do not carry a scheduler spec (or that this worker does not know yet).
 */
export function schedulerFromEvent(
  type: string,
  schemaVersion: number,
  data: unknown,
): Scheduler | undefined {
  if (type !== schedulerCreatedV1.type || schemaVersion !== schedulerCreatedV1.version) return undefined;
  const created = schedulerCreatedV1.schema.parse(data);
  return {
    name: created.name,
    game: created.game,
    state: 'creating',
    portRange: created.portRange,
    maxSurge: created.maxSurge,
    roomsReplicas: created.roomsReplicas,
    spec: {
      version: created.spec.version,
      terminationGracePeriodSeconds: created.spec.terminationGracePeriod,
      containers: created.spec.containers,
      toleration: created.spec.toleration,
      affinity: created.spec.affinity,
    },
    ...(created.autoscaling
      ? {
          autoscaling: {
            enabled: created.autoscaling.enabled,
            min: created.autoscaling.min,
            max: created.autoscaling.max,
            cooldownSeconds: created.autoscaling.cooldown,
            policy: created.autoscaling.policy,
          },
        }
      : {}),
    forwarders: created.forwarders.map((forwarder) => ({
      name: forwarder.name,
      enable: forwarder.enable,
      type: forwarder.type,
      address: forwarder.address,
      options: { timeoutMs: forwarder.options.timeout, metadata: forwarder.options.metadata },
    })),
    annotations: created.annotations,
    labels: created.labels,
    matchAllocation: created.matchAllocation,
    createdAt: created.createdAt,
  };
}
