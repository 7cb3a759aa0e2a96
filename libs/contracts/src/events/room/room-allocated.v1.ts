import { z } from 'zod';
import { topics } from '../../topics';
import { instantField, roomIdField, schedulerNameField } from '../common';
import { defineEvent } from '../define-event';

export const roomAllocatedV1 = defineEvent({
  type: 'RoomAllocated',
  version: 1,
  topic: topics.roomEvents,
  description:
    'The allocate API handed a ready room out (reference §3.6): the room is `allocated` from `allocatedAt`, and until `expiresAt` a `ready` ping keeps it so. Appended by the rooms API in the transaction that picked the room.',
  schema: z.object({
    schedulerName: schedulerNameField,
    roomId: roomIdField,
    allocatedAt: instantField,
    /** `allocatedAt` plus the allocation TTL (Maestro's `roomAllocationTTLMillis`, 300 s by default). */
    expiresAt: instantField,
  }),
});
