import { z } from 'zod';
import { topics } from '../../topics';
import { instantField, schedulerNameField } from '../common';
import { defineEvent } from '../define-event';

export const schedulerDeletedV1 = defineEvent({
  type: 'SchedulerDeleted',
  version: 1,
  topic: topics.schedulerEvents,
  description:
    'A scheduler was deleted (its delete_scheduler operation ran): its rooms and runtime are removed and its name can be used again by a new SchedulerCreated on the same stream.',
  schema: z.object({
    schedulerName: schedulerNameField,
    deletedAt: instantField,
  }),
});
