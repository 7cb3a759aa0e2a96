import { z } from 'zod';
import { topics } from '../../topics';
import { instantField, roomIdField, roomPortField, schedulerNameField } from '../common';
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
    ports: z.array(roomPortField),
    isValidationRoom: z.boolean(),
    createdAt: instantField,
  }),
});
