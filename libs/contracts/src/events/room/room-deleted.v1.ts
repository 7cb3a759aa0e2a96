import { z } from 'zod';
import { topics } from '../../topics';
import { instantField, roomIdField, schedulerNameField } from '../common';
import { defineEvent } from '../define-event';

export const roomDeletionReasons = [
  'scale_down',
  'expired_room',
  'instance_vanished',
  'instance_failed',
  'rolling_update_replace',
  'scheduler_deleted',
  /** A new version's validation room, removed once it answered (or timed out). */
  'validation_finished',
] as const;

export const roomDeletedV1 = defineEvent({
  type: 'RoomDeleted',
  version: 1,
  topic: topics.roomEvents,
  description: 'A room is gone: its instance was removed (or vanished) and it no longer counts.',
  schema: z.object({
    schedulerName: schedulerNameField,
    roomId: roomIdField,
    reason: z.enum(roomDeletionReasons),
    deletedAt: instantField,
  }),
});
