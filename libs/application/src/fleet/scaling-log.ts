import { scalingDecidedV1 } from '@maestro/contracts';
import { type ScalingDecision } from '@maestro/domain';
import { type EventStore } from '../ports/event-store.port';
import { type Randomness } from '../ports/randomness.port';

/** What the fleet remembers of its past decisions: the last target and the last downscale. */
export interface ScalingMemory {
  lastTarget?: number;
  lastDownscaleAt?: string;
}

const scalingStreamId = (schedulerName: string) => `scaling:${schedulerName}`;

/**
 * Records scaling decisions as `ScalingDecided` events (stream `scaling:<scheduler>`) so operators
 * can see why a scheduler scaled, and restores the cooldown's start after a worker restart.
 */
export class ScalingLog {
  constructor(
    private readonly eventStore: EventStore,
    private readonly randomness: Randomness,
  ) {}

  async restore(schedulerName: string): Promise<ScalingMemory> {
    const memory: ScalingMemory = {};
    for (const event of await this.eventStore.readStream(scalingStreamId(schedulerName))) {
      if (event.type !== scalingDecidedV1.type) continue;
      const parsed = scalingDecidedV1.schema.safeParse(event.data);
      if (!parsed.success) continue;
      memory.lastTarget = parsed.data.target;
      if (parsed.data.isDownscale) memory.lastDownscaleAt = parsed.data.decidedAt;
    }
    return memory;
  }

  async record(
    schedulerName: string,
    decision: ScalingDecision,
    previousTarget: number | undefined,
  ): Promise<void> {
    const data = scalingDecidedV1.schema.parse({
      schedulerName,
      policy: decision.policy,
      target: decision.target,
      previousTarget: previousTarget ?? null,
      available: decision.available,
      counts: { ...decision.counts },
      unclampedDesired: decision.unclampedDesired,
      min: decision.min,
      max: decision.max,
      clampedDesired: decision.clampedDesired,
      canDownscale: decision.canDownscale,
      cooldown: decision.cooldown,
      isDownscale: decision.isDownscale,
      reason: decision.reason,
      decidedAt: decision.decidedAt,
    });
    await this.eventStore.append(scalingStreamId(schedulerName), 'any', [
      {
        eventId: this.randomness.uuid(),
        type: scalingDecidedV1.type,
        schemaVersion: scalingDecidedV1.version,
        data,
        metadata: { subject: schedulerName, source: 'maestro/worker' },
      },
    ]);
  }
}
