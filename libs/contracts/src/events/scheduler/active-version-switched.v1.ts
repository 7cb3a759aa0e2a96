import { z } from 'zod';
import { topics } from '../../topics';
import { instantField, schedulerNameField } from '../common';
import { defineEvent } from '../define-event';
import { schedulerVersionField } from './scheduler-document';

export const activeVersionSwitchedV1 = defineEvent({
  type: 'ActiveVersionSwitched',
  version: 1,
  topic: topics.schedulerEvents,
  description:
    "A scheduler now runs another of its versions (after a new version, or PUT /schedulers/{name} to any earlier one: a rollback). New rooms use it; when its major differs from a room's, that room is replaced by a rolling update.",
  schema: z.object({
    schedulerName: schedulerNameField,
    version: schedulerVersionField,
    previousVersion: schedulerVersionField,
    switchedAt: instantField,
  }),
});
