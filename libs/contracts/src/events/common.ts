import { z } from 'zod';

export const schedulerNameField = z.string().min(1).max(63);
export const roomIdField = z.string().min(1).max(253);
/** ISO-8601 timestamps with a zone, as produced by `Date.prototype.toISOString()`. */
export const instantField = z.iso.datetime({ offset: true });

/** What a room reports of itself in a ping (Maestro's ping statuses). */
export const pingStatusField = z.enum(['ready', 'occupied', 'terminating', 'terminated']);

/** A room's status, in Maestro's words. */
export const roomStatusField = z.enum([
  'pending',
  'unready',
  'ready',
  'occupied',
  'allocated',
  'active',
  'terminating',
  'error',
  'terminated',
]);

/** What the runtime (Kubernetes pod, local process) says of a room's instance. */
export const instanceStatusField = z.enum(['unknown', 'pending', 'ready', 'terminating', 'error']);

export const roomPortField = z.object({
  name: z.string(),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
  /** The port reachable from outside: the host port drawn from the scheduler's port range. */
  port: z.number().int().min(1).max(65_535),
});
