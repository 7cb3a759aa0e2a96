import { z } from 'zod';
import { topics } from '../../topics';
import { instantField, schedulerNameField } from '../common';
import { defineEvent } from '../define-event';

const count = z.number().int().min(0);

export const scalingDecidedV1 = defineEvent({
  type: 'ScalingDecided',
  version: 1,
  topic: topics.schedulerEvents,
  description:
    'The worker changed how many rooms a scheduler should have, with every input of the decision (room counts, policy, clamps, cooldown) so an operator can see why it scaled. Stream `scaling:<scheduler>`; recorded when the target changes or a downscale is applied.',
  schema: z.object({
    schedulerName: schedulerNameField,
    policy: z.enum(['roomsReplicas', 'roomOccupancy', 'fixedBuffer']),
    /** The room count the worker now works towards. */
    target: count,
    /** The target before this decision; null for the first one since the worker started. */
    previousTarget: count.nullable(),
    /** Rooms neither terminating nor in error when deciding. */
    available: count,
    /** Rooms by status, and the running matches, the policy read. */
    counts: z.record(z.string(), count),
    unclampedDesired: count,
    min: z.number().int().nullable(),
    /** -1 for no upper bound; null without autoscaling. */
    max: z.number().int().nullable(),
    clampedDesired: count,
    canDownscale: z.boolean(),
    cooldown: z.object({
      seconds: count,
      lastDownscaleAt: instantField.nullable(),
      until: instantField.nullable(),
      holdsDownscale: z.boolean(),
    }),
    /** Rooms are removed because of this decision (its time starts the cooldown). */
    isDownscale: z.boolean(),
    reason: z.string(),
    decidedAt: instantField,
  }),
});
