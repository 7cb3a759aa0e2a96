import { z } from 'zod';
import { topics } from '../../topics';
import {
  instanceStatusField,
  instantField,
  pingStatusField,
  roomIdField,
  roomStatusField,
  schedulerNameField,
} from '../common';
import { defineEvent } from '../define-event';

export const roomStatusChangedV1 = defineEvent({
  type: 'RoomStatusChanged',
  version: 1,
  topic: topics.roomEvents,
  description:
    "A room's status changed, composed from its last ping and its runtime instance (reference §5). Appended only on a change.",
  schema: z.object({
    schedulerName: schedulerNameField,
    roomId: roomIdField,
    previousStatus: roomStatusField,
    status: roomStatusField,
    /** The last ping status, or `unknown` before the first ping. */
    pingStatus: z.union([pingStatusField, z.literal('unknown')]),
    instanceStatus: instanceStatusField,
    runningMatches: z.number().int().min(0),
    changedAt: instantField,
  }),
});
