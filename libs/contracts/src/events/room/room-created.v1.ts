import { z } from 'zod';
import { topics } from '../../topics';
import { instantField, roomIdField, schedulerNameField } from '../common';
import { defineEvent } from '../define-event';

export const roomCreatedV1 = defineEvent({
  type: 'RoomCreated',
  version: 1,
  topic: topics.roomEvents,
  description:
    'The worker decided a room exists: its id, the scheduler version it runs and its allocated host ports. The runtime instance (pod) is created after this event is stored.',
  schema: z.object({
    schedulerName: schedulerNameField,
    roomId: roomIdField,
    /** Scheduler version the room runs, e.g. `v1.0.0`. */
    version: z.string().regex(/^v\d+\.\d+\.\d+$/),
    /** Every container port with the host port drawn for it from the scheduler's port range. */
    ports: z.array(
      z.object({
        containerName: z.string(),
        name: z.string(),
        protocol: z.enum(['tcp', 'udp', 'sctp']),
        containerPort: z.number().int().min(1).max(65_535),
        hostPort: z.number().int().min(1).max(65_535),
      }),
    ),
    isValidationRoom: z.boolean(),
    createdAt: instantField,
  }),
});
