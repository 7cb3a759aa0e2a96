import { z } from 'zod';
import { topics } from '../../topics';
import { instantField, schedulerNameField } from '../common';
import { defineEvent } from '../define-event';
import { schedulerDocumentSchema, schedulerVersionField } from './scheduler-document';

export const schedulerVersionCreatedV1 = defineEvent({
  type: 'SchedulerVersionCreated',
  version: 1,
  topic: topics.schedulerEvents,
  description:
    'A new version of a scheduler was stored (POST or PATCH /schedulers/{name}, after validation). It is not active yet: an ActiveVersionSwitched follows. A major version passed its validation room first.',
  schema: z.object({
    schedulerName: schedulerNameField,
    /** The new version, e.g. `v2.0.0`. */
    version: schedulerVersionField,
    /** Major: rooms of other majors are replaced once it is active; minor: rooms are kept. */
    isMajor: z.boolean(),
    /** The version that was active when this one was made (Maestro's rollback version). */
    previousVersion: schedulerVersionField,
    /** The whole version, as `SchedulerCreated` carries it. */
    scheduler: schedulerDocumentSchema,
    createdAt: instantField,
  }),
});
